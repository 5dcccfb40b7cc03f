package io.rapidjava.tests.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import java.nio.file.Path;
import java.util.List;
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
        Path bootstrap = Tel.lineRuntime(dir);
        try (Daemon daemon = Tel.daemon(ext).command(bootstrap.toString()).start()) {
            List<String> ids = Tel.invokeEachAfterItsReport(daemon, dir, NAME, INVOKES);
            assertEquals(RESETS, Await.read(dir.resolve(NAME + ".batches.reset")).lines().count(),
                    "connections reset after a batch");

            Received r = Received.of(dir, NAME);
            Shapes.eachInvokeOnceInOrder(r, ids);
            assertEquals(List.of(), daemon.stderr().stream()
                    .filter(l -> l.contains("ERROR") || l.contains("Connection reset") || l.contains("Exception"))
                    .toList(), daemon::describe);
        }
    }
}
