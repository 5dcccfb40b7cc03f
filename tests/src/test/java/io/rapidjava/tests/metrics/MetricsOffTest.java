package io.rapidjava.tests.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a metrics address or an OTLP endpoint, not one class of Micrometer, of the Prometheus client or of the
 * daemon's metrics (its plug-in boundary included) is loaded; with one, they are (so the class log can tell).
 */
@Timeout(60)
class MetricsOffTest {

    private static final List<String> METRICS_PACKAGES = List.of("io.micrometer.", "io.prometheus.",
            "io.opentelemetry.", "io.rapidjava.metrics.", "io.rapidjava.rapid.metrics.");

    @Test
    void noMetricsClassIsLoadedWhenOff(@TempDir Path dir) {
        String log = classesLoaded(dir, "off", Daemon.builder());
        assertEquals(List.of(), metricsClasses(log));
    }

    @Test
    void theClassLogSeesThemWhenOn(@TempDir Path dir) {
        String log = classesLoaded(dir, "on", Daemon.builder().flag("--metrics-address", "127.0.0.1:0"));
        assertTrue(metricsClasses(log).contains("io.rapidjava.metrics.InvokeMeters"), log.length() + " chars");
        assertTrue(metricsClasses(log).stream().anyMatch(c -> c.startsWith("io.micrometer.")));
    }

    private static String classesLoaded(Path dir, String name, Daemon.Builder builder) {
        Path loaded = dir.resolve(name + "-classes.log");
        Path bootstrap = Scripts.runtime(dir, "bootstrap", "while next; do respond '\"ok\"'; done\n");
        try (Daemon d = Sequence.clean(builder).env("RAPID_JAVA_OPTS", "-Xlog:class+load=info:file=" + loaded)
                .command(bootstrap.toString()).start()) {
            assertEquals("\"ok\"", d.invoke("{}").body(), d::describe);
            d.awaitStdout(l -> l.startsWith("REPORT RequestId: "), Duration.ofSeconds(20));
            String log = Await.read(loaded);
            assertTrue(log.contains("io.rapidjava.rendering.PlatformLines"), "the class log is complete");
            return log;
        }
    }

    private static List<String> metricsClasses(String log) {
        return log.lines().map(l -> l.replaceFirst("^\\[[^]]*]\\[[^]]*]\\[[^]]*] ", ""))
                .map(l -> l.split(" ", 2)[0])
                .filter(c -> METRICS_PACKAGES.stream().anyMatch(c::startsWith)).toList();
    }
}
