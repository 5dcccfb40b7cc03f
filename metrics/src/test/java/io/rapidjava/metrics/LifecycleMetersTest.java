package io.rapidjava.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.rapidjava.interop.PlatformEvent.InitStart;
import io.rapidjava.interop.PlatformEvent.ShutdownReport;
import io.rapidjava.interop.PlatformEvent.ShutdownStart;
import io.rapidjava.interop.ShutdownSummary;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LifecycleMetersTest {

    private static final Tags FUNCTION = Tags.of("faas.name", "fn", "faas.version", "$LATEST");
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final LifecycleMeters meters = new LifecycleMeters(new Registries(List.of(registry)), FUNCTION);

    @Test
    void reInitsCountByWhatEndedTheGenerationAndShutdownsAreTimed() {
        meters.on(new InitStart(T, "init", "v", "arn"));
        generationEnds(1, "timeout", 12_500);
        meters.on(new InitStart(T, "invoke", "v", "arn"));
        generationEnds(2, "failure", 3_000);
        meters.on(new InitStart(T, "invoke", "v", "arn"));
        generationEnds(3, "failure", 1_000);
        meters.on(new InitStart(T, "invoke", "v", "arn"));
        generationEnds(4, "spindown", 250);

        assertEquals(1, restarts("timeout"));
        assertEquals(2, restarts("failure"));
        assertEquals(0, registry.find("rapid.runtime.restarts").tag("cause", "spindown").counters().size(),
                "the daemon's last shutdown is followed by no init");
        assertEquals(2, registry.get("rapid.shutdown.duration").tags(FUNCTION).tag("reason", "failure").timer()
                .count());
        assertEquals(4.0, registry.get("rapid.shutdown.duration").tags(FUNCTION).tag("reason", "failure").timer()
                .totalTime(TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(12.5, registry.get("rapid.shutdown.duration").tags(FUNCTION).tag("reason", "timeout").timer()
                .totalTime(TimeUnit.MILLISECONDS), 1e-9);
    }

    private void generationEnds(int generation, String reason, long micros) {
        meters.on(new ShutdownStart(T, reason, generation));
        meters.on(new ShutdownReport(T.plusNanos(micros * 1000), generation, new ShutdownSummary(reason, 1, List.of())));
    }

    private double restarts(String cause) {
        return registry.get("rapid.runtime.restarts").tags(FUNCTION).tag("cause", cause).counter().count();
    }
}
