package io.rapidjava.tests.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber whose listener takes every delivery and answers none (until the test lets it) while the function
 * writes {@value #INVOKES} × {@value #LINES} lines of {@value #LINE} bytes: every invoke still answers at once, the
 * healthy subscriber beside it gets everything, and once the stalled one answers again it is told what it lost
 * ({@code platform.logsDropped}) and gets what comes next.
 */
@Timeout(180)
class StalledSubscriberTest {

    static final String STALLED = "stalled";
    static final String HEALTHY = "healthy";
    static final int INVOKES = 200;
    static final int LINES = 60;
    static final int LINE = 1000;
    static final Duration FAST = Duration.ofSeconds(5);

    @Test
    void aStalledSubscriberLosesEventsNotInvokes(@TempDir Path dir) throws IOException {
        Path ext = Tel.extDir(dir);
        Path unstall = dir.resolve("unstall");
        SubscriberConfig.telemetry(STALLED).types("platform,function").stalledUntil(unstall).install(ext, dir);
        SubscriberConfig.telemetry(HEALTHY).types("platform,function").install(ext, dir);
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                pad="$(printf 'p%%.0s' $(seq 1 %d))"
                while next; do
                  case "$EVENT" in
                    flood) printf "flood-%%d-$pad\\n" $(seq 1 %d) ;;
                  esac
                  respond "ok:$REQUEST_ID" text/plain
                done
                """.formatted(LINE, LINES));

        try (Daemon d = Tel.daemon(ext).command(bootstrap.toString()).start()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < INVOKES; i++) {
                long sent = System.nanoTime();
                HttpResponse<String> answer = d.invoke("flood");
                Duration took = Duration.ofNanos(System.nanoTime() - sent);
                assertEquals(200, answer.statusCode(), answer::body);
                assertTrue(took.compareTo(FAST) < 0, () -> "invoke took " + took + "\n" + d.describe());
                ids.add(answer.body().substring("ok:".length()));
            }

            Received healthy = Received.awaitReport(d, dir, HEALTHY, ids.getLast());
            for (String id : ids) {
                assertEquals(List.of("platform.start", "platform.runtimeDone", "platform.report"),
                        healthy.ofRequest(id).stream().map(Received.Event::type).toList(),
                        () -> HEALTHY + " got every invoke of " + id);
            }
            assertEquals(INVOKES * LINES, healthy.ofType("function").stream()
                    .filter(e -> e.text().startsWith("flood-")).count(), () -> HEALTHY + " got every line");
            assertFalse(Received.of(dir, STALLED).report(ids.getLast()).isPresent(),
                    "the stalled subscriber has not received the last invoke");

            Files.writeString(unstall, "");
            Received stalled = Received.await(d, dir, STALLED, r -> !r.ofType("platform.logsDropped").isEmpty(),
                    "platform.logsDropped", Duration.ofSeconds(60));
            Received.Event dropped = stalled.ofType("platform.logsDropped").getFirst();
            Shapes.envelope(dropped);
            assertTrue(dropped.record().path("droppedRecords").asLong() > 0, dropped::toString);
            assertTrue(dropped.record().path("droppedBytes").asLong() > 0, dropped::toString);
            assertFalse(dropped.record().path("reason").asText("").isBlank(), dropped::toString);

            String after = d.invoke("after").body().substring("ok:".length());
            Received.awaitReport(d, dir, STALLED, after);
        }
    }
}
