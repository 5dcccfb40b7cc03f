package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.ARN_PREFIX;
import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertStatus;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static io.rapidjava.tests.runtimeapi.Rt.header;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Dumps;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The success path (contract items 1): the invoker's view (status, body, Content-Type, X-Amz-Executed-Version),
 * the headers the runtime receives on {@code next} (request id, deadline, ARN, trace id, client context, content
 * type) and the environment the runtime is started with.
 */
@Timeout(60)
class SuccessPathTest {

    /**
     * Echo runtime: dumps its environment to env.txt at start; for every event saves the {@code next} headers as
     * headers-&lt;md5 of the event&gt;.txt and answers the event verbatim ("text:..." events with text/plain).
     */
    static final String ECHO_RUNTIME = """
            env > "$HERE/.env.tmp" && mv -f "$HERE/.env.tmp" "$HERE/env.txt"
            while next; do
              key="$(md5sum < "$EVENT_FILE" | cut -c1-32)"
              put_file "headers-$key.txt" "$HEADERS_FILE"
              case "$EVENT" in
                text:*) respond_file "$EVENT_FILE" "text/plain" ;;
                *) respond_file "$EVENT_FILE" ;;
              esac
            done
            """;

    static final Pattern GENERATED_TRACE =
            Pattern.compile("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0");

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", ECHO_RUNTIME);
        daemon = Rt.daemon()
                .env("MyEnv", "4=4")
                .command(bootstrap.toString(), "my.handler")
                .start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static Map<String, String> nextHeadersFor(Daemon d, Path dir, String event) {
        String key = md5(event);
        return Dumps.parseHeaders(Await.file(dir.resolve("headers-" + key + ".txt"), WAIT, d::describe));
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void echoesTheEventWithJsonContentTypeAndExecutedVersion() {
        String event = "{\"hello\":\"world\",\"n\":1}";
        HttpResponse<String> r = daemon.invoke(event, Map.of("Content-Type", "application/json"));
        assertSuccess(r);
        assertAll(
                () -> assertEquals(event, r.body()),
                () -> assertEquals(Optional.of("application/json"), header(r, "Content-Type")),
                () -> assertEquals(Optional.of("$LATEST"), header(r, "X-Amz-Executed-Version")));
    }

    @Test
    void forwardsTheRuntimesContentType() {
        String event = "text:plain words " + UUID.randomUUID();
        HttpResponse<String> r = daemon.invoke(event);
        assertSuccess(r);
        assertEquals(event, r.body());
        assertEquals(Optional.of("text/plain"), header(r, "Content-Type"));
        assertEquals(Optional.of("$LATEST"), header(r, "X-Amz-Executed-Version"));
    }

    @Test
    void runtimeReceivesRequestIdDeadlineArnGeneratedTraceAndContentType() {
        String event = "{\"probe\":\"" + UUID.randomUUID() + "\"}";
        long before = System.currentTimeMillis();
        HttpResponse<String> r = daemon.invoke(event);
        long after = System.currentTimeMillis();
        assertSuccess(r);
        Map<String, String> h = nextHeadersFor(daemon, dir, event);
        assertAll(
                () -> Rt.assertUuid(h.get("lambda-runtime-aws-request-id")),
                () -> assertDeadline(h, before, after, 300),
                () -> assertEquals(ARN_PREFIX + "test_function", h.get("lambda-runtime-invoked-function-arn")),
                () -> {
                    String trace = h.get("lambda-runtime-trace-id");
                    assertNotNull(trace, () -> "no Lambda-Runtime-Trace-Id in " + h);
                    assertTrue(GENERATED_TRACE.matcher(trace).matches(), () -> "generated trace id: " + trace);
                },
                () -> assertFalse(h.containsKey("lambda-runtime-client-context"), () -> "client context in " + h),
                () -> assertEquals("application/json", h.get("content-type")));
    }

    @Test
    void callersTraceIdIsPassedVerbatimAndClientContextIsDecoded() {
        String event = "{\"probe\":\"" + UUID.randomUUID() + "\"}";
        String trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        String clientContext = "{\"custom\":{\"foo\":\"bar\"},\"env\":{\"platform\":\"test\"}}";
        HttpResponse<String> r = daemon.invoke(event, Map.of(
                "X-Amzn-Trace-Id", trace,
                "X-Amz-Client-Context", Base64.getEncoder().encodeToString(clientContext.getBytes(StandardCharsets.UTF_8))));
        assertSuccess(r);
        assertEquals(event, r.body());
        Map<String, String> h = nextHeadersFor(daemon, dir, event);
        assertAll(
                () -> assertEquals(trace, h.get("lambda-runtime-trace-id")),
                () -> assertEquals(clientContext, h.get("lambda-runtime-client-context")));
    }

    @Test
    void runtimeEnvironment() {
        assertStatus(200, daemon.invoke("{}"));
        Map<String, String> env = Dumps.parseEnv(Await.file(dir.resolve("env.txt"), WAIT, daemon::describe));
        assertAll(
                () -> assertEquals(daemon.runtimeApi(), env.get("AWS_LAMBDA_RUNTIME_API")),
                () -> assertEquals("127.0.0.1:" + daemon.runtimeApiPort(), env.get("AWS_LAMBDA_RUNTIME_API")),
                () -> assertEquals("test_function", env.get("AWS_LAMBDA_FUNCTION_NAME")),
                () -> assertEquals("$LATEST", env.get("AWS_LAMBDA_FUNCTION_VERSION")),
                () -> assertEquals("3008", env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")),
                () -> assertEquals("us-east-1", env.get("AWS_REGION")),
                () -> assertEquals("us-east-1", env.get("AWS_DEFAULT_REGION")),
                () -> assertEquals("/aws/lambda/Functions", env.get("AWS_LAMBDA_LOG_GROUP_NAME")),
                () -> assertEquals("$LATEST", env.get("AWS_LAMBDA_LOG_STREAM_NAME")),
                () -> assertEquals("my.handler", env.get("_HANDLER")),
                () -> assertEquals("4=4", env.get("MyEnv")));
    }

    static void assertDeadline(Map<String, String> h, long before, long after, int timeoutSeconds) {
        String v = h.get("lambda-runtime-deadline-ms");
        assertNotNull(v, () -> "no Lambda-Runtime-Deadline-Ms in " + h);
        long deadline = Long.parseLong(v);
        long lo = before + timeoutSeconds * 1000L - 1000;
        long hi = after + timeoutSeconds * 1000L + 1000;
        assertTrue(deadline >= lo && deadline <= hi,
                () -> "deadline " + deadline + " not within [" + lo + ", " + hi + "] (now+" + timeoutSeconds + "s)");
    }

    /** A daemon with a function name, a handler from the environment and a 7 s timeout. */
    @Test
    void functionNameHandlerFromEnvAndTimeoutShapeArnEnvAndDeadline(@TempDir Path own) {
        Path bootstrap = Scripts.runtime(own, "bootstrap", ECHO_RUNTIME);
        try (Daemon d = Rt.daemon()
                .env("AWS_LAMBDA_FUNCTION_NAME", "MyCoolName")
                .env("_HANDLER", "env.handler")
                .env("AWS_LAMBDA_FUNCTION_TIMEOUT", "7")
                .command(bootstrap.toString(), "arg.handler")
                .start()) {
            String event = "{\"named\":true}";
            long before = System.currentTimeMillis();
            HttpResponse<String> r = d.invoke(event);
            long after = System.currentTimeMillis();
            assertSuccess(r);
            assertEquals(event, r.body());
            Map<String, String> h = nextHeadersFor(d, own, event);
            Map<String, String> env = Dumps.parseEnv(Await.file(own.resolve("env.txt"), WAIT, d::describe));
            assertAll(
                    () -> assertEquals(ARN_PREFIX + "MyCoolName", h.get("lambda-runtime-invoked-function-arn")),
                    () -> assertDeadline(h, before, after, 7),
                    () -> assertEquals("MyCoolName", env.get("AWS_LAMBDA_FUNCTION_NAME")),
                    () -> assertEquals("env.handler", env.get("_HANDLER")),
                    () -> assertEquals(d.runtimeApi(), env.get("AWS_LAMBDA_RUNTIME_API")));
        }
    }
}
