package io.rapidjava.tests.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
                // each invoke's events go in a batch of their own, once the one before was answered
                Received.awaitReport(daemon, dir, NAME, id);
            }
            long connections = Await.read(dir.resolve(NAME + ".batches.connections")).lines().count();
            assertTrue(connections >= INVOKES / 2, "the server closed two of each three connections, so there were new ones: "
                    + connections);

            Received r = Received.of(dir, NAME);
            Set<String> distinct = new HashSet<>();
            r.events().forEach(e -> assertTrue(distinct.add(e.envelope().toString()), () -> "received twice: " + e));
            Shapes.inTimeOrder(r);
            assertEquals(List.of(), r.events().stream().filter(e -> e.type().equals("platform.logsDropped")).toList(),
                    r::describe);
            for (String id : ids) {
                assertEquals(List.of("platform.start", "platform.runtimeDone", "platform.report"),
                        r.ofRequest(id).stream().map(Received.Event::type).toList(), () -> "the events of " + id);
                r.line("function", "line of " + id).orElseThrow(() -> new AssertionError("the line of " + id));
            }
            assertEquals(List.of(), daemon.stderr().stream().filter(l -> l.contains("ERROR")).toList(),
                    daemon::describe);
        }
    }
}
