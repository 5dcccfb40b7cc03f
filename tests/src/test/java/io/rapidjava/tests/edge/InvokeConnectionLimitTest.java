package io.rapidjava.tests.edge;

import io.rapidjava.tests.support.RawHttp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9 item 3: the invoke front-end holds at most {@code --max-invoke-connections}; more are closed at once. */
@Timeout(60)
class InvokeConnectionLimitTest {

    private static final int LIMIT = 5;

    @Test
    void connectionsBeyondTheLimitAreClosedAndFreedSlotsAreReused(@TempDir Path dir) {
        try (Daemon d = Edge.daemon().flag("--max-invoke-connections", Integer.toString(LIMIT))
                .command(Edge.echoRuntime(dir, "0").toString()).start()) {
            List<RawHttp> held = new ArrayList<>();
            try {
                for (int i = 0; i < LIMIT; i++) {
                    held.add(RawHttp.connect(d.invokePort()));
                }
                // Every held connection is usable, which also means each was accepted before the next one.
                for (int i = 0; i < LIMIT; i++) {
                    RawHttp.Answer a = held.get(i).send(RawHttp.invokeRequest("{\"i\":" + i + "}")).read();
                    assertEquals(200, a.status(), a::toString);
                }
                try (RawHttp extra = RawHttp.connect(d.invokePort())) {
                    assertTrue(extra.closedWithin(Edge.WAIT), "the connection over the limit is closed at once");
                }
                d.awaitStderr(l -> l.contains("invoke connection limit (5) reached"), Edge.WAIT);
                assertFalse(held.getFirst().closedWithin(Duration.ofMillis(200)), "held connections stay open");

                held.removeFirst().close();
                held.removeFirst().close();
                // The daemon learns of the closes asynchronously: new connections are refused until it has.
                RawHttp.Answer a = Await.value(() -> tryInvoke(d), Edge.WAIT, d::describe);
                assertEquals("ok:{\"again\":1}", a.body());
            } finally {
                held.forEach(RawHttp::close);
            }
            assertTrue(Edge.stderrCount(d, "connection limit") <= 3, d::describe);
            Edge.assertNoTraces(d);
        }
    }

    private static Optional<RawHttp.Answer> tryInvoke(Daemon d) {
        try (RawHttp c = RawHttp.connect(d.invokePort())) {
            return Optional.of(c.send(RawHttp.invokeRequest("{\"again\":1}")).read());
        } catch (RuntimeException | AssertionError refused) {
            return Optional.empty();
        }
    }
}
