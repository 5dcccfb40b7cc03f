package io.rapidjava.tests.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collector that is not there, then answers 503, then takes the pushes: one line when the outage starts, one when
 * it ends (naming the failed pushes), none in between; invokes go on meanwhile, at their usual speed.
 */
@Timeout(90)
class OtlpOutageTest {

    private static final Pattern BACK = Pattern.compile("takes the metrics again, after (\\d+) failed pushes");

    @Test
    void anOutageIsOneLineAndInvokesGoOn(@TempDir Path dir) {
        int port = Loopback.freePort();
        Path bootstrap = Scripts.runtime(dir, "bootstrap", "while next; do respond '\"ok\"'; done\n");
        try (Daemon d = Sequence.clean(Daemon.builder())
                .env("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://127.0.0.1:" + port + "/v1/metrics")
                .env("OTEL_METRIC_EXPORT_INTERVAL", "100").command(bootstrap.toString()).start()) {
            d.awaitStderr(l -> l.contains("does not take the metrics"), Sequence.WAIT);
            for (int i = 0; i < 20; i++) {
                long started = System.nanoTime();
                assertEquals("\"ok\"", d.invoke("{}").body(), d::describe);
                long ms = (System.nanoTime() - started) / 1_000_000;
                assertTrue(ms < 1_000, () -> "invoke " + ms + " ms during the outage\n" + d.describe());
            }
            try (OtlpReceiver receiver = OtlpReceiver.start(port, n -> n <= 2 ? 503 : 200)) {
                String back = d.awaitStderr(l -> BACK.matcher(l).find(), Sequence.WAIT);
                Matcher m = BACK.matcher(back);
                assertTrue(m.find());
                assertTrue(Integer.parseInt(m.group(1)) >= 3, "refused, then two 503s: " + back);
                assertTrue(receiver.pushes().size() >= 3, () -> receiver.pushes().size() + " pushes");
            }
            assertEquals(1, d.stderr().stream().filter(l -> l.contains("does not take the metrics")).count(),
                    d::describe);
            assertTrue(d.stderr().stream().noneMatch(l -> l.contains("Failed to publish")), d::describe);
        }
    }
}
