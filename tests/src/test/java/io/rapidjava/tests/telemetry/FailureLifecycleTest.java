package io.rapidjava.tests.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An invoke that times out (function timeout 2 s) and a runtime that exits mid-invoke, as a subscriber sees them:
 * the failed invoke's runtimeDone and report with their status, the sandbox's re-init in the invoke phase, the
 * subscriber relaunched, registered and subscribed again, and the next invoke reported as usual.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FailureLifecycleTest {

    static final String NAME = "subscriber";

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        Path ext = Tel.extDir(dir);
        SubscriberConfig.telemetry(NAME).install(ext, dir);
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  case "$EVENT" in
                    sleep) wait_for never ;;
                    crash) echo "crashing in $REQUEST_ID"; exit 7 ;;
                    *) respond "ok:$REQUEST_ID" text/plain ;;
                  esac
                done
                """);
        daemon = Tel.daemon(ext).env("AWS_LAMBDA_FUNCTION_TIMEOUT", "2").command(bootstrap.toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static String invokeOk(String event) {
        HttpResponse<String> answer = daemon.invoke(event);
        assertEquals("ok:", answer.body().substring(0, Math.min(3, answer.body().length())), answer::body);
        String id = answer.body().substring("ok:".length());
        Received.awaitReport(daemon, dir, NAME, id);
        return id;
    }

    /**
     * After a failed invoke: the generation's subscriber got SHUTDOWN, the re-init (phase invoke) reached its
     * relaunched twin, which registered and subscribed again, and the next invoke is reported after it.
     */
    static void assertReinitialised(int generation, String nextId) {
        Received r = Received.awaitReport(daemon, dir, NAME, nextId);
        assertTrue(r.shutdowns().size() >= generation - 1, () -> "the old subscriber got SHUTDOWN: " + r);
        List<Received.Event> inits = r.ofType("platform.initStart");
        assertEquals(generation, inits.size(), () -> "one platform.initStart per init: " + r);
        Received.Event reinit = inits.getLast();
        Shapes.initStart(reinit, "invoke");
        assertTrue(reinit.index() >= r.shutdowns().get(generation - 2),
                () -> "the re-init reaches the relaunched subscriber: " + r);
        Received.Event initReport = r.ofType("platform.initReport").getLast();
        Shapes.initReport(initReport, "invoke");
        assertTrue(reinit.index() < initReport.index(), r::toString);
        Received.Event start = r.ofRequest(nextId).getFirst();
        assertEquals("platform.start", start.type(), r::toString);
        assertTrue(initReport.index() < start.index(), () -> "the next invoke after the re-init: " + r);

        List<String> answers = SubscriberLog.awaitSubscriptions(daemon, dir, NAME, generation);
        assertEquals(generation, answers.size(), () -> "subscribed once per generation: " + answers);
        answers.forEach(a -> assertEquals("200 \"OK\"", a, () -> "answers: " + answers));
        assertEquals(generation, SubscriberLog.lines(dir, NAME).stream().filter(l -> l.startsWith("registered 200 "))
                .count(), () -> "registered once per generation: " + SubscriberLog.lines(dir, NAME));
    }

    @Test
    @Order(1)
    void aTimeoutIsReportedAndTheNextInvokeFollowsAReinit() {
        invokeOk("warm");
        HttpResponse<String> answer = daemon.invoke("sleep");
        assertEquals("Sandbox.Timedout", Json.errorType(answer.body()), answer::body);
        String id = Tel.requestId(daemon, dir, "sleep");

        Received r = Received.await(daemon, dir, NAME, x -> x.report(id).isPresent()
                && x.first("platform.runtimeDone", e -> id.equals(e.requestId())).isPresent(),
                "the platform.runtimeDone and platform.report of the timed-out " + id);
        List<Received.Event> invoke = r.ofRequest(id);
        assertEquals(List.of("platform.start", "platform.runtimeDone", "platform.report"),
                invoke.stream().map(Received.Event::type).toList(), r::toString);
        assertEquals("timeout", invoke.get(1).record().path("status").asText(null), invoke.get(1)::toString);
        assertEquals("timeout", invoke.get(2).record().path("status").asText(null), invoke.get(2)::toString);

        assertReinitialised(2, invokeOk("after-timeout"));
    }

    @Test
    @Order(2)
    void aRuntimeExitIsReportedAndTheNextInvokeFollowsAReinit() {
        HttpResponse<String> answer = daemon.invoke("crash");
        assertEquals("Runtime.ExitError", Json.errorType(answer.body()), answer::body);
        String id = Tel.requestId(daemon, dir, "crash");

        Received r = Received.awaitReport(daemon, dir, NAME, id);
        Shapes.outcome(r.report(id).orElseThrow(), id, "error", "Runtime.ExitError");
        assertEquals("platform.start", r.ofRequest(id).getFirst().type(), r::toString);
        r.line("function", "crashing in " + id)
                .orElseThrow(() -> new AssertionError("the runtime's last line is a function record: " + r));

        assertReinitialised(3, invokeOk("after-crash"));
    }
}
