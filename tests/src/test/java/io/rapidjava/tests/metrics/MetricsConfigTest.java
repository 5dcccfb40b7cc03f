package io.rapidjava.tests.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad metrics configuration stops the daemon at start-up: one line on stderr, exit code 2, nothing launched. */
@Timeout(60)
class MetricsConfigTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "RAPID_METRICS_ADDRESS | 127.0.0.1:http | RAPID_METRICS_ADDRESS",
        "OTEL_EXPORTER_OTLP_ENDPOINT | collector:4318 | OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT | http://[bad/v1/metrics | OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "OTEL_EXPORTER_OTLP_ENDPOINT | http://127.0.0.1:4318 | ",
    })
    void aBadValueStopsTheDaemon(String variable, String value, String named, @TempDir Path dir) {
        Daemon.Builder b = daemon(dir).env(variable, value);
        if (named == null) {
            // a good endpoint with a bad interval
            b.env("OTEL_METRIC_EXPORT_INTERVAL", "soon");
            named = "OTEL_METRIC_EXPORT_INTERVAL";
        }
        assertStops(b, named, dir);
    }

    @Test
    void aMetricsPortInUseStopsTheDaemon(@TempDir Path dir) throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            assertStops(daemon(dir).flag("--metrics-address", "127.0.0.1:" + taken.getLocalPort()),
                    "--metrics-address 127.0.0.1:" + taken.getLocalPort(), dir);
        }
    }

    private static void assertStops(Daemon.Builder b, String named, Path dir) {
        try (Daemon d = b.startExpectingExit()) {
            assertEquals(2, d.awaitExit(Duration.ofSeconds(30)), d::describe);
            List<String> err = d.stderr().stream().filter(l -> !l.isBlank()).toList();
            assertEquals(1, err.size(), () -> "one line on stderr\n" + d.describe());
            assertTrue(err.getFirst().startsWith("rapid: ") && err.getFirst().contains(named), d::describe);
            assertTrue(d.stdout().isEmpty(), () -> "nothing launched\n" + d.describe());
        }
    }

    private static Daemon.Builder daemon(Path dir) {
        Path bootstrap = Scripts.bash(dir, "bootstrap", "exit 0\n");
        return Sequence.clean(Daemon.builder()).command(bootstrap.toString());
    }
}
