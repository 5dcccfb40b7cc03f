package io.rapidjava.tests.extensions;

import static io.rapidjava.tests.extensions.Ext.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Dumps;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brief items 1 and 13: two real external extensions (bash + curl, and Java) register for INVOKE and SHUTDOWN and
 * record what they receive. One daemon is shared; the SIGTERM test runs last.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistrationAndEventsTest {

    static final String BASH = "a-bash-recorder";
    static final String JAVA = "b-java-recorder";
    static final String HANDLER = "index.handler";
    static final String TRACE_ROOT = "Root=1-5759e988-bd862e3fe1be46a994272793";

    @TempDir
    static Path dir;
    static Path work;
    static Daemon daemon;

    @BeforeAll
    static void start() throws IOException {
        Path ext = Ext.extDir(dir);
        work = Files.createDirectories(dir.resolve("work"));
        ExtScripts.extension(ext, BASH, dir, """
                env > "$OUT/.bash.env.tmp" && mv -f "$OUT/.bash.env.tmp" "$OUT/bash.env"
                put bash.cwd "$(pwd)"
                put bash.argc "$#"
                put bash.pid "$$"
                echo "stdout-line-from-$EXT_NAME"
                echo "stderr-line-from-$EXT_NAME" >&2
                ext_register "$EXT_NAME" '{"events":["INVOKE","SHUTDOWN"]}' \\
                  -H 'Lambda-Extension-Accept-Feature: accountId' || { ext_save "$EXT_NAME.register"; exit 1; }
                ext_save "$EXT_NAME.register"
                """ + ExtScripts.RECORDING_LOOP);
        ExtScripts.javaExtension(ext, JAVA, dir, "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}");
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  put_file "rt-$REQUEST_ID.headers" "$HEADERS_FILE"
                  log_line ids.log "$REQUEST_ID $EVENT"
                  respond "ok:$REQUEST_ID" "text/plain"
                done
                """);
        daemon = Ext.daemon(ext)
                .env("_HANDLER", HANDLER)
                .env("_PRIVATE_SETTING", "must-not-reach-extensions")
                .env("CUSTOMER_VAR", "customer-value")
                .env("RAPID_SHUTDOWN_TIMEOUT_MS", "2000")
                .workingDir(work)
                .command(bootstrap.toString())
                .start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static JsonNode registerBody(Ext.Saved reg) {
        reg.assertStatus(200);
        Ext.assertUuid("Lambda-Extension-Identifier of " + reg.tag(), reg.header("Lambda-Extension-Identifier"));
        String ct = reg.headers().getOrDefault("content-type", "");
        assertTrue(ct.startsWith("application/json"), () -> "Content-Type of " + reg.tag() + ": " + ct);
        JsonNode n = reg.json();
        assertEquals("test_function", n.path("functionName").asText(null), () -> reg.tag() + " body " + reg.body());
        assertEquals("$LATEST", n.path("functionVersion").asText(null), () -> reg.tag() + " body " + reg.body());
        assertEquals(HANDLER, n.path("handler").asText(null), () -> reg.tag() + " body " + reg.body());
        return n;
    }

    @Test
    @Order(1)
    void registerAnswersCarryIdentifierAndFunctionMetadata() {
        Ext.Saved bash = Ext.Saved.await(daemon, dir, BASH + ".register");
        Ext.Saved java = Ext.Saved.await(daemon, dir, JAVA + ".register");

        JsonNode withFeature = registerBody(bash);
        assertEquals(Set.of("functionName", "functionVersion", "handler", "accountId"), Json.fieldNames(withFeature),
                () -> "fields with Lambda-Extension-Accept-Feature: accountId: " + bash.body());
        assertEquals(Ext.ACCOUNT_ID, withFeature.path("accountId").asText(null), bash::body);

        JsonNode without = registerBody(java);
        assertEquals(Set.of("functionName", "functionVersion", "handler"), Json.fieldNames(without),
                () -> "fields without the accountId feature: " + java.body());

        assertNotEquals(bash.header("Lambda-Extension-Identifier"), java.header("Lambda-Extension-Identifier"),
                "each extension gets its own identifier");
    }

    private static void assertInvokeEvent(String name, String requestId, Map<String, String> runtimeHeaders,
            long sentAt, long answeredAt) {
        Ext.Saved ev = Recorded.awaitInvoke(daemon, dir, name, requestId);
        ev.assertStatus(200);
        assertTrue(ev.headers().getOrDefault("content-type", "").startsWith("application/json"),
                () -> name + ": Content-Type of the INVOKE event: " + ev.headers());
        Ext.assertUuid(name + ": Lambda-Extension-Event-Identifier", ev.header("Lambda-Extension-Event-Identifier"));

        JsonNode n = ev.json();
        assertEquals(Set.of("eventType", "deadlineMs", "requestId", "invokedFunctionArn", "tracing"),
                Json.fieldNames(n), () -> name + ": fields of " + ev.body());
        assertEquals("INVOKE", n.path("eventType").asText(), ev::body);
        assertEquals(requestId, n.path("requestId").asText(), () -> name + ": requestId of " + ev.body());

        assertTrue(n.path("deadlineMs").isIntegralNumber(), () -> name + ": deadlineMs is a number: " + ev.body());
        String rtDeadline = runtimeHeaders.get("lambda-runtime-deadline-ms");
        assertEquals(rtDeadline, n.path("deadlineMs").asText(),
                () -> name + ": deadlineMs vs the runtime's Lambda-Runtime-Deadline-Ms; runtime headers " + runtimeHeaders);
        long deadline = n.path("deadlineMs").asLong();
        // default function timeout 300 s from the moment the invoke was accepted
        assertTrue(deadline >= sentAt + 300_000 - 1000 && deadline <= answeredAt + 300_000 + 1000,
                () -> name + ": deadlineMs " + deadline + " not ~300 s after the invoke (sent " + sentAt + ")");

        assertEquals(Ext.ARN, n.path("invokedFunctionArn").asText(), () -> name + ": " + ev.body());
        assertEquals(runtimeHeaders.get("lambda-runtime-invoked-function-arn"), n.path("invokedFunctionArn").asText(),
                () -> name + ": ARN vs the runtime's; runtime headers " + runtimeHeaders);

        JsonNode tracing = n.path("tracing");
        assertEquals(Set.of("type", "value"), Json.fieldNames(tracing), () -> name + ": tracing of " + ev.body());
        assertEquals("X-Amzn-Trace-Id", tracing.path("type").asText(), ev::body);
        String rtTrace = runtimeHeaders.get("lambda-runtime-trace-id");
        assertTrue(rtTrace != null && !rtTrace.isEmpty(), () -> "runtime got no Lambda-Runtime-Trace-Id: " + runtimeHeaders);
        assertEquals(rtTrace, tracing.path("value").asText(),
                () -> name + ": tracing.value vs the runtime's Lambda-Runtime-Trace-Id");
    }

    private static Map<String, String> runtimeHeaders(String requestId) {
        return Dumps.parseHeaders(Await.file(dir.resolve("rt-" + requestId + ".headers"), WAIT, daemon::describe));
    }

    @Test
    @Order(2)
    void invokeEventMatchesWhatTheRuntimeGot() {
        for (boolean traced : new boolean[] {true, false}) {
            String event = (traced ? "traced-" : "untraced-") + UUID.randomUUID();
            long sentAt = Ext.now();
            HttpResponse<String> r = traced
                    ? daemon.invoke(event, Map.of("X-Amzn-Trace-Id", TRACE_ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1"))
                    : daemon.invoke(event);
            long answeredAt = Ext.now();
            Ext.assertSuccess(r);
            String id = Ext.idSeenFor(daemon, dir.resolve("ids.log"), event);
            assertEquals("ok:" + id, r.body());
            Map<String, String> rt = runtimeHeaders(id);
            if (traced) {
                assertTrue(rt.getOrDefault("lambda-runtime-trace-id", "").contains(TRACE_ROOT),
                        () -> "the caller's trace id reaches the runtime: " + rt);
            }
            assertInvokeEvent(BASH, id, rt, sentAt, answeredAt);
            assertInvokeEvent(JAVA, id, rt, sentAt, answeredAt);
        }
    }

    @Test
    @Order(3)
    void extensionEnvironmentFollowsTheContract() {
        Map<String, String> env = Dumps.parseEnv(Await.file(dir.resolve("bash.env"), WAIT, daemon::describe));
        assertEquals(daemon.runtimeApi(), env.get("AWS_LAMBDA_RUNTIME_API"), () -> "env " + env);
        assertEquals("test_function", env.get("AWS_LAMBDA_FUNCTION_NAME"), () -> "env " + env);
        assertEquals("$LATEST", env.get("AWS_LAMBDA_FUNCTION_VERSION"), () -> "env " + env);
        assertEquals("3008", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE"), () -> "env " + env);
        assertEquals("us-east-1", env.get("AWS_REGION"), () -> "env " + env);
        assertEquals("us-east-1", env.get("AWS_DEFAULT_REGION"), () -> "env " + env);
        assertEquals("on-demand", env.get("AWS_LAMBDA_INITIALIZATION_TYPE"), () -> "env " + env);
        assertEquals("customer-value", env.get("CUSTOMER_VAR"), () -> "customer variables pass: " + env);
        assertFalse(env.containsKey("_HANDLER"), () -> "no _HANDLER for extensions: " + env);
        // bash itself exports "_" (the command path) to what it runs; every other "_..." key must be gone
        List<String> underscore = env.keySet().stream().filter(k -> k.startsWith("_") && !k.equals("_")).toList();
        assertEquals(List.of(), underscore, "keys starting with '_' are removed");
        List<String> rapid = env.keySet().stream().filter(k -> k.startsWith("RAPID_")).toList();
        assertEquals(List.of(), rapid, "no RAPID_* keys");

        assertEquals(work.toAbsolutePath().toString(), Await.read(dir.resolve("bash.cwd")),
                "extension cwd = the daemon's working directory");
        assertEquals("0", Await.read(dir.resolve("bash.argc")), "extensions get no arguments");
    }

    @Test
    @Order(4)
    void extensionOutputGoesToTheDaemonsStdout() {
        daemon.awaitStdout(l -> l.equals("stdout-line-from-" + BASH), WAIT);
        daemon.awaitStdout(l -> l.equals("stderr-line-from-" + BASH), WAIT);
        daemon.awaitStdout(l -> l.startsWith("java extension " + JAVA + " starting"), WAIT);
        assertFalse(daemon.stderr().stream().anyMatch(l -> l.equals("stdout-line-from-" + BASH)),
                "extension output is not on the daemon's own log (stderr)");
    }

    @Test
    @Order(99)
    void sigtermSendsSpindownShutdownThenExits0() {
        // an invoke whose REPORT is printed has had every INVOKE subscriber call event/next again: both parked
        Ext.invokeAndSettle(daemon, dir, "before-sigterm-" + UUID.randomUUID());

        Ext.Proc bashProc = Ext.Proc.of("bash extension", Ext.readLong(daemon, dir.resolve("bash.pid")));
        Ext.Proc javaProc = Ext.Proc.of("java extension", Ext.readLong(daemon, dir.resolve(JAVA + ".pid")));

        long before = Ext.now();
        daemon.signal("TERM");
        long after = Ext.now();
        int code = daemon.awaitExit(Duration.ofSeconds(15));
        long exitedBy = Ext.now();
        assertEquals(0, code, daemon::describe);

        long deadline = -1;
        for (String name : List.of(BASH, JAVA)) {
            Ext.Saved sd = Recorded.awaitShutdown(daemon, dir, name);
            sd.assertStatus(200);
            JsonNode n = sd.json();
            assertEquals(Set.of("eventType", "deadlineMs", "shutdownReason"), Json.fieldNames(n),
                    () -> name + ": fields of " + sd.body());
            assertEquals("spindown", n.path("shutdownReason").asText(), () -> name + ": " + sd.body());
            long d = n.path("deadlineMs").asLong();
            assertTrue(d >= before + 2000 - 300 && d <= after + 2000 + 700,
                    () -> name + ": deadlineMs " + d + " should be ~SIGTERM (" + before + ".." + after + ") + 2000");
            long got = Recorded.receivedAt(daemon, dir, name, "SHUTDOWN", null);
            assertTrue(got <= d, () -> name + ": SHUTDOWN received at " + got + ", after its deadline " + d);
            if (deadline >= 0) {
                assertEquals(deadline, d, "one shutdown deadline for every extension");
            }
            deadline = d;
        }
        long d = deadline;
        System.out.printf("spindown: SIGTERM at %d..%d, deadlineMs %d (+%d), daemon exited by %d (deadline%+d ms)%n",
                before, after, d, d - before, exitedBy, exitedBy - d);
        assertTrue(exitedBy < d, () -> "extensions exited at once on SHUTDOWN, yet the daemon only exited at "
                + exitedBy + ", deadline " + d + "\n" + daemon.describe());
        assertTrue(daemon.stderr().stream().anyMatch(l -> l.contains("Shutdown initiated: spindown")),
                () -> "stderr lacks 'Shutdown initiated: spindown'\n" + daemon.describe());
        Ext.assertAllGone(daemon, List.of(bashProc, javaProc));
    }
}
