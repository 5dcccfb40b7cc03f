package io.rapidjava.tests.edge;

import io.rapidjava.tests.support.RawHttp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 3: a connection with no request in progress is closed after {@code --idle-timeout-ms}; a request
 * in progress keeps its connection however long it is silent (an invoke waiting for a slow runtime, the runtime's
 * parked {@code next}).
 */
@Timeout(60)
class IdleTimeoutTest {

    private static final int IDLE_MS = 300;

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        // Each invoke takes twice the idle timeout.
        // On the Runtime API the function timeout (1 s) is added to the idle timeout.
        daemon = Edge.daemon().env("AWS_LAMBDA_FUNCTION_TIMEOUT", "1").flag("--idle-timeout-ms", Integer.toString(IDLE_MS))
                .command(Edge.echoRuntime(dir, "0.6").toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** Each on its own connection: a pooled one may have been closed as idle (the test client does not retry). */
    private static void invokeOnNewConnection(String event) {
        try (RawHttp c = RawHttp.connect(daemon.invokePort())) {
            RawHttp.Answer a = c.send(RawHttp.invokeRequest(event)).read();
            assertEquals(200, a.status(), () -> a + "\n" + daemon.describe());
            assertEquals("ok:" + event, a.body());
        }
    }

    @Test
    void keepAliveConnectionIsClosedOnceIdle() {
        try (RawHttp c = RawHttp.connect(daemon.invokePort())) {
            RawHttp.Answer a = c.send(RawHttp.invokeRequest("{\"k\":1}")).read();
            assertEquals(200, a.status(), a::toString);
            long answered = System.nanoTime();
            assertTrue(c.closedWithin(Edge.WAIT), "idle keep-alive connection closed by the daemon");
            long idleMs = (System.nanoTime() - answered) / 1_000_000;
            assertTrue(idleMs >= IDLE_MS * 2 / 3, () -> "closed after " + idleMs + " ms, before the idle timeout");
        }
    }

    @Test
    void slowInvokeKeepsItsConnection() {
        try (RawHttp c = RawHttp.connect(daemon.invokePort())) {
            RawHttp.Answer a = c.send(RawHttp.invokeRequest("{\"slow\":1}")).read();
            assertEquals(200, a.status(), a::toString);
            assertEquals("ok:{\"slow\":1}", a.body());
            // The connection stays usable for the next request while it is not idle for long.
            RawHttp.Answer b = c.send(RawHttp.invokeRequest("{\"slow\":2}")).read();
            assertEquals("ok:{\"slow\":2}", b.body());
        }
    }

    @Test
    void silentConnectionIsClosed() {
        try (RawHttp c = RawHttp.connect(daemon.invokePort())) {
            assertTrue(c.closedWithin(Edge.WAIT), "a connection that never sends a request is closed");
        }
        try (RawHttp c = RawHttp.connect(daemon.runtimeApiPort())) {
            long opened = System.nanoTime();
            assertTrue(c.closedWithin(Edge.WAIT), "on the Runtime API too");
            long idleMs = (System.nanoTime() - opened) / 1_000_000;
            assertTrue(idleMs >= 1000, () -> "Runtime API connection closed after " + idleMs + " ms, within the function timeout");
        }
    }

    @Test
    void parkedNextIsNotCut() {
        invokeOnNewConnection("{\"before\":1}");
        // The runtime is parked in next now; a connection opened after it and idle outlives the timeout.
        try (RawHttp c = RawHttp.connect(daemon.invokePort())) {
            assertTrue(c.closedWithin(Edge.WAIT), "idle connection closed");
        }
        invokeOnNewConnection("{\"after\":1}");
        assertEquals(1, daemon.stdout().stream().filter(l -> l.startsWith("INIT_START")).count(),
                () -> "the runtime kept its parked next (no re-init)\n" + daemon.describe());
        assertFalse(daemon.stdout().stream().anyMatch(l -> l.contains("Runtime exited") || l.contains("curl:")),
                daemon::describe);
        Edge.assertNoTraces(daemon);
    }
}
