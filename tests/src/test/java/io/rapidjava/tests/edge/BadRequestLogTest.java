package io.rapidjava.tests.edge;

import io.rapidjava.tests.support.RawHttp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Issue 9 item 4: even at debug, a flood of bad requests is one line per window, never a stack trace. */
@Timeout(60)
class BadRequestLogTest {

    @Test
    void badRequestsAreOneDebugLinePerWindow(@TempDir Path dir) {
        try (Daemon d = Edge.daemon().flag("--log-level", "debug")
                .command(Edge.echoRuntime(dir, "0").toString()).start()) {
            for (int i = 0; i < 30; i++) {
                try (RawHttp c = RawHttp.connect(i % 2 == 0 ? d.invokePort() : d.runtimeApiPort())) {
                    assertEquals(400, c.send("GET /2018-06-01/ping HTTP/1.1\r\n\r\n").read().status());
                }
            }
            Edge.assertInvokeWorks(d);
            d.awaitStderr(l -> l.contains("[DEBUG]") && l.contains("missing required Host header"), Edge.WAIT);
            assertTrue(Edge.stderrCount(d, "missing required Host header") <= 2, d::describe);
            Edge.assertNoTraces(d);
        }
    }
}
