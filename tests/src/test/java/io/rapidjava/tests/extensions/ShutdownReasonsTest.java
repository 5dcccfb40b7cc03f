package io.rapidjava.tests.extensions;

import static io.rapidjava.tests.extensions.Ext.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brief item 12: the SHUTDOWN event's {@code shutdownReason} is {@code timeout} after an invoke timeout and
 * {@code failure} after the runtime crashed mid-invoke ({@code spindown} on SIGTERM: see
 * {@link RegistrationAndEventsTest}).
 */
@Timeout(90)
class ShutdownReasonsTest {

    private static Path watcher(Path dir) {
        Path ext = Ext.extDir(dir);
        ExtScripts.recorder(ext, "watcher", dir, "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}");
        return ext;
    }

    private static JsonNode shutdownEvent(Daemon d, Path dir, int nth) {
        List<Ext.Saved> shutdowns = io.rapidjava.tests.support.Await.value(() -> {
            List<Ext.Saved> s = Recorded.events(d, dir, "watcher").stream()
                    .filter(e -> e.body().contains("SHUTDOWN")).toList();
            return s.size() >= nth ? java.util.Optional.of(s) : java.util.Optional.empty();
        }, WAIT, () -> "watcher did not get " + nth + " SHUTDOWN event(s): " + Recorded.log(dir, "watcher")
                + "\n" + d.describe());
        Ext.Saved e = shutdowns.get(nth - 1);
        e.assertStatus(200);
        JsonNode n = e.json();
        assertEquals(Set.of("eventType", "deadlineMs", "shutdownReason"), Json.fieldNames(n), e::body);
        return n;
    }

    @Test
    void invokeTimeoutSendsShutdownReasonTimeout(@TempDir Path dir) {
        Path ext = watcher(dir);
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  sleep 30
                  respond '"late"'
                done
                """);
        try (Daemon d = Ext.daemon(ext).env("AWS_LAMBDA_FUNCTION_TIMEOUT", "1").command(bootstrap.toString())
                .start()) {
            HttpResponse<String> r = d.invoke("sleepy");
            String id = Ext.idSeenFor(d, dir.resolve("ids.log"), "sleepy");
            Ext.assertUnhandled(r);
            Json.assertErrorBody(r.body(), "Sandbox.Timedout", "RequestId: " + id + " Error: Task timed out after 1.00 seconds");

            JsonNode sd = shutdownEvent(d, dir, 1);
            assertEquals("timeout", sd.path("shutdownReason").asText(), sd::toString);
            long received = Recorded.receivedAt(d, dir, "watcher", "SHUTDOWN", null);
            long deadline = sd.path("deadlineMs").asLong();
            // deadline = reset start + 2000; the extension hears of it after the runtime step (<= 300 ms grace)
            assertTrue(deadline - received >= 1000 && deadline - received <= 2050,
                    () -> "deadlineMs " + deadline + " vs received at " + received + " (expected ~+2000, less the"
                            + " runtime's SIGTERM grace)");
            d.awaitStderr(l -> l.contains("Reset initiated: timeout"), WAIT);
        }
    }

    @Test
    void runtimeCrashMidInvokeSendsShutdownReasonFailure(@TempDir Path dir) {
        Path ext = watcher(dir);
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  case "$EVENT" in
                    crash) exit 3 ;;
                  esac
                  respond "ok:$REQUEST_ID" "text/plain"
                done
                """);
        try (Daemon d = Ext.daemon(ext).command(bootstrap.toString()).start()) {
            Ext.assertSuccess(d.invoke("warm"));
            HttpResponse<String> r = d.invoke("crash");
            String id = Ext.idSeenFor(d, dir.resolve("ids.log"), "crash");
            Ext.assertUnhandled(r);
            Json.assertErrorBody(r.body(), "Runtime.ExitError",
                    "RequestId: " + id + " Error: Runtime exited with error: exit status 3");

            JsonNode sd = shutdownEvent(d, dir, 1);
            assertEquals("failure", sd.path("shutdownReason").asText(), sd::toString);
            d.awaitStderr(l -> l.contains("Reset initiated: failure"), WAIT);

            // the watcher is relaunched by the re-init; on SIGTERM it hears "spindown"
            Ext.invokeAndSettle(d, dir, "after");
            d.signal("TERM");
            assertEquals(0, d.awaitExit(Duration.ofSeconds(15)), d::describe);
            JsonNode last = shutdownEvent(d, dir, 2);
            assertEquals("spindown", last.path("shutdownReason").asText(), last::toString);
        }
    }
}
