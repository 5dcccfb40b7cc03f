package io.rapidjava.tests.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber that resets the daemon's kept-alive connection after its first {@value #RESETS} batches, as one does
 * that is killed between two batches: every event still arrives once and in order, and the daemon says nothing of
 * it (before its delivery client had a connection handler, Vert.x logged each reset at ERROR on stderr).
 */
@Timeout(120)
class ResettingSubscriberTest {

    static final String NAME = "resetting";
    static final int RESETS = 3;
    static final int INVOKES = 8;

    @Test
    void resetConnectionsLoseNothingAndLogNothing(@TempDir Path dir) {
        Path ext = Tel.extDir(dir);
        SubscriberConfig.telemetry(NAME).buffering(1000, 262_144, 25).resettingFirst(RESETS).install(ext, dir);
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  echo "line of $REQUEST_ID"
                  respond "ok:$REQUEST_ID" text/plain
                done
                """);
        try (Daemon daemon = Tel.daemon(ext).command(bootstrap.toString()).start()) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < INVOKES; i++) {
                HttpResponse<String> answer = daemon.invoke("event-" + i);
                assertEquals(200, answer.statusCode(), answer::body);
                String id = answer.body().substring("ok:".length());
                ids.add(id);
                // each batch goes alone, so each reset finds the connection idle in the client's pool
                Received.awaitReport(daemon, dir, NAME, id);
            }
            assertEquals(RESETS, Await.read(dir.resolve(NAME + ".batches.reset")).lines().count(),
                    "connections reset after a batch");

            Received r = Received.of(dir, NAME);
            Set<String> distinct = new HashSet<>();
            r.events().forEach(e -> assertTrue(distinct.add(e.envelope().toString()), () -> "received twice: " + e));
            Shapes.inTimeOrder(r);
            for (String id : ids) {
                assertEquals(List.of("platform.start", "platform.runtimeDone", "platform.report"),
                        r.ofRequest(id).stream().map(Received.Event::type).toList(), () -> "the events of " + id);
                r.line("function", "line of " + id).orElseThrow(() -> new AssertionError("the line of " + id));
            }
            assertEquals(List.of(), daemon.stderr().stream()
                    .filter(l -> l.contains("ERROR") || l.contains("Connection reset") || l.contains("Exception"))
                    .toList(), daemon::describe);
        }
    }
}
