package io.rapidjava.tests.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bash subscriber with its batches received by Node.js's own HTTP server ({@code node-listener.js}), whose parser
 * is strict about what a request may look like: every batch is taken as the daemon wrote it, answered with chunks or
 * a length, and, as the server closes connections (after an answer that said so, or unannounced, as it would an
 * idle one), the daemon makes new ones without losing, repeating or reordering an event.
 */
@Timeout(120)
class NodeSubscriberTest {

    static final String NAME = "node";
    static final int INVOKES = 6;

    @Test
    void nodesHttpServerTakesEveryBatchAndItsClosedConnectionsLoseNothing(@TempDir Path dir) {
        assumeTrue(Scripts.onPath("node"), "node is not on the PATH: the Node.js subscriber's test is skipped");
        Path ext = Tel.extDir(dir);
        BashSubscriber.install(ext, dir, NAME, "telemetry", "2022-12-13", List.of("platform", "function"), false,
                "node " + Tel.quote(Tel.resource("node-listener.js").toString()));
        Path bootstrap = Tel.lineRuntime(dir);
        try (Daemon daemon = Tel.daemon(ext).command(bootstrap.toString()).start()) {
            List<String> ids = Tel.invokeEachAfterItsReport(daemon, dir, NAME, INVOKES);
            long connections = Await.read(dir.resolve(NAME + ".batches.connections")).lines().count();
            assertTrue(connections >= INVOKES / 2,
                    "the server closed two of each three connections, so there were new ones: " + connections);

            Received r = Received.of(dir, NAME);
            Shapes.eachInvokeOnceInOrder(r, ids);
            assertEquals(List.of(), r.events().stream().filter(e -> e.type().equals("platform.logsDropped")).toList(),
                    r::describe);
            assertEquals(List.of(), daemon.stderr().stream().filter(l -> l.contains("ERROR")).toList(),
                    daemon::describe);
        }
    }
}
