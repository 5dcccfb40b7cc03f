package io.rapidjava.tests.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A burst of large {@code Event} invokes behind a slow runtime is bounded in bytes: what fits gets 202 and runs
 * later, the excess gets 429 at once, and the daemon (64 MB heap) stays healthy.
 */
@Timeout(120)
class QueuedEventsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    @Test
    void burstOfLargeEventsIsBoundedInBytes() throws Exception {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  [ "$EVENT" = block ] && { log_line started.log x; wait_for release; }
                  respond '{}'
                done
                """);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().command(bootstrap.toString()).start()) {
            CompletableFuture<HttpResponse<String>> running = Daemon.http().sendAsync(
                    d.invokeRequest(HttpRequest.BodyPublishers.ofString("block"), Map.of()),
                    HttpResponse.BodyHandlers.ofString());
            Await.lines(dir.resolve("started.log"), 1, WAIT, d::describe);
            long descriptors = descriptors(d);

            byte[] event = new byte[MIB];
            java.util.Arrays.fill(event, (byte) 'e');
            int accepted = 0;
            int refused = 0;
            // a client of its own, closed after the burst, so its connections do not outlive it
            try (HttpClient burstClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
                List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
                for (int i = 0; i < 120; i++) {
                    burst.add(burstClient.sendAsync(d.invokeRequest(HttpRequest.BodyPublishers.ofByteArray(event),
                            Map.of("X-Amz-Invocation-Type", "Event")), HttpResponse.BodyHandlers.ofString()));
                }
                for (CompletableFuture<HttpResponse<String>> f : burst) {
                    HttpResponse<String> r = f.get();
                    if (r.statusCode() == 202) {
                        accepted++;
                    } else {
                        assertEquals(429, r.statusCode(), r::body);
                        assertTrue(r.body().contains("TooManyRequestsException"), r::body);
                        refused++;
                    }
                }
            }
            Await.until(() -> descriptors(d) <= descriptors + 4, WAIT,
                    () -> "descriptors " + descriptors(d) + " (before the burst " + descriptors + ")");
            // the default budget holds 16 MiB of waiting events
            assertTrue(accepted >= 1 && accepted <= 16, "accepted " + accepted);
            assertEquals(120, accepted + refused);

            Files.writeString(dir.resolve("release"), "");
            assertEquals(200, running.get().statusCode());
            // every accepted event runs, then a normal invoke
            d.awaitStdoutCount(l -> l.startsWith("REPORT"), 1 + accepted, WAIT);
            assertEquals(200, d.invoke("after").statusCode());
            assertFalse(d.stderr().stream().anyMatch(l -> l.contains("OutOfMemoryError") || l.contains("Exception")),
                    d::describe);
        }
    }

    private static long descriptors(Daemon d) {
        try (var fds = Files.list(Path.of("/proc/" + d.pid() + "/fd"))) {
            return fds.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
