package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertStatus;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static io.rapidjava.tests.runtimeapi.Rt.header;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract item 15: {@code X-Amz-Invocation-Type: Event} (202 at once, processed later), {@code DryRun} (204,
 * never reaches the runtime) and {@code X-Amz-Log-Type: Tail} ({@code X-Amz-Log-Result}).
 */
@Timeout(60)
class InvocationTypesTest {

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line seen.log "$REQUEST_ID $EVENT"
                  case "$EVENT" in
                    async-*) wait_for "release-$EVENT"; put "done-$EVENT" "$REQUEST_ID"; respond '"async-done"' ;;
                    tail-*) echo "function-says-$EVENT-$REQUEST_ID"; respond '"tailed"' ;;
                    *) respond "\\"sync:$EVENT\\"" ;;
                  esac
                done
                """);
        daemon = Rt.daemon().command(bootstrap.toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static String idSeenFor(String event) {
        return Rt.idSeenFor(daemon, dir.resolve("seen.log"), event);
    }

    @Test
    void eventInvocationIsAcceptedAtOnceAndProcessedLater() throws IOException {
        String event = "async-" + UUID.randomUUID();
        Path release = dir.resolve("release-" + event);
        try {
            HttpRequest req = HttpRequest.newBuilder(daemon.invokeUri()).timeout(Duration.ofSeconds(10))
                    .header("X-Amz-Invocation-Type", "Event")
                    .POST(HttpRequest.BodyPublishers.ofString(event)).build();
            HttpResponse<String> r;
            try {
                r = Daemon.http().send(req, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError("no immediate answer to an Event invoke: " + e + "\n" + daemon.describe(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            assertStatus(202, r);
            assertFalse(Files.exists(release));
            String id = idSeenFor(event);
            Rt.assertUuid(id);
            Files.createFile(release);
            assertEquals(id, Await.file(dir.resolve("done-" + event), WAIT, daemon::describe));
        } finally {
            // never leave the shared runtime blocked
            if (!Files.exists(release)) {
                Files.createFile(release);
            }
        }
        HttpResponse<String> sync = daemon.invoke("plain");
        assertSuccess(sync);
        assertEquals("\"sync:plain\"", sync.body());
    }

    @Test
    void dryRunIs204AndNeverReachesTheRuntime() {
        String dry = "dry-" + UUID.randomUUID();
        HttpResponse<String> r = daemon.invoke(dry, Map.of("X-Amz-Invocation-Type", "DryRun"));
        assertStatus(204, r);
        // a later synchronous invoke is served after anything queued before it
        String after = "after-" + UUID.randomUUID();
        HttpResponse<String> sync = daemon.invoke(after);
        assertSuccess(sync);
        assertEquals("\"sync:" + after + "\"", sync.body());
        idSeenFor(after);
        assertFalse(Await.read(dir.resolve("seen.log")).contains(dry), "the runtime saw the DryRun event");
    }

    @Test
    void tailLogTypeReturnsTheInvokesLogInXAmzLogResult() {
        String event = "tail-" + UUID.randomUUID();
        HttpResponse<String> r = daemon.invoke(event, Map.of("X-Amz-Log-Type", "Tail"));
        assertSuccess(r);
        assertEquals("\"tailed\"", r.body());
        String id = idSeenFor(event);
        String encoded = header(r, "X-Amz-Log-Result")
                .orElseThrow(() -> new AssertionError("no X-Amz-Log-Result; headers " + r.headers().map()));
        String log = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        assertTrue(log.lines().anyMatch(l -> l.contains("function-says-" + event + "-" + id)), () -> "log tail:\n" + log);
        assertTrue(log.lines().anyMatch(l -> l.equals("END RequestId: " + id)), () -> "log tail:\n" + log);
    }
}
