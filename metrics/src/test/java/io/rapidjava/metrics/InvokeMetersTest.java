package io.rapidjava.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformEvent.InitReport;
import io.rapidjava.interop.PlatformEvent.InitStart;
import io.rapidjava.interop.PlatformEvent.InvokeReport;
import io.rapidjava.interop.PlatformEvent.InvokeStart;
import io.rapidjava.rapid.metrics.MetricsConfig;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InvokeMetersTest {

    private static final Tags FUNCTION = Tags.of("faas.name", "fn", "faas.version", "7");
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final InvokeMeters meters = new InvokeMeters(new Registries(List.of(registry)), FUNCTION);

    @Test
    void reportsCountByOutcomeAndErrorType() {
        init("init", "success", 120);
        invoke("a", 10, "success", null, 40, null);
        invoke("b", 20, "success", null, 41, 3.5);
        invoke("c", 30, "error", "Function.Oops", 42, null);
        invoke("d", 1000, "timeout", null, 43, null);
        init("invoke", "success", 80);
        invoke("e", 25, "error", "Runtime.ExitError", 44, null);

        assertEquals(2, count("faas.invocations", "outcome", "success"));
        assertEquals(2, count("faas.invocations", "outcome", "error"));
        assertEquals(1, count("faas.invocations", "outcome", "timeout"));
        assertEquals(1, count("faas.errors", "error.type", "Function.Oops"));
        assertEquals(1, count("faas.errors", "error.type", "Runtime.ExitError"));
        assertEquals(1, registry.get("faas.timeouts").tags(FUNCTION).counter().count());
        assertEquals(2, registry.get("faas.coldstarts").tags(FUNCTION).counter().count(),
                "the first invoke after each init");
        assertEquals(2, registry.get("faas.invoke_duration").tags(FUNCTION).tag("outcome", "success").timer().count());
        assertEquals(30, registry.get("faas.invoke_duration").tags(FUNCTION).tag("outcome", "success").timer()
                .totalTime(TimeUnit.MILLISECONDS), 1e-6);
        assertEquals(1, registry.get("faas.init_duration").tags(FUNCTION).tag("phase", "init")
                .tag("outcome", "success").timer().count());
        assertEquals(1, registry.get("faas.init_duration").tags(FUNCTION).tag("phase", "invoke")
                .tag("outcome", "success").timer().count());
        assertEquals(5, registry.get("faas.mem_usage").tags(FUNCTION).summary().count());
        assertEquals((40 + 41 + 42 + 43 + 44) * (double) (1 << 20),
                registry.get("faas.mem_usage").tags(FUNCTION).summary().totalAmount());
        assertEquals(1, registry.get("rapid.extensions.overhead").tags(FUNCTION).timer().count(),
                "only invokes an extension held");
    }

    @Test
    void aFunctionCannotGrowTheErrorTypesPastTheLimit() {
        for (int i = 0; i < PerValue.LIMIT + 10; i++) {
            invoke("r" + i, 1, "error", "Function.E" + i, 10, null);
        }
        assertEquals(PerValue.LIMIT + 1, registry.find("faas.errors").counters().size());
        assertEquals(10, count("faas.errors", "error.type", PerValue.OTHER));
    }

    @Test
    void recordingAnInvokeAllocatesNothing() {
        assertRecordingAllocatesNothing(meters);
    }

    @Test
    void recordingIntoBothRegistriesAllocatesNothing() {
        MetricsConfig.Otlp otlp = new MetricsConfig.Otlp(URI.create("http://127.0.0.1:9/v1/metrics"), Map.of(),
                Duration.ofHours(1), Duration.ofSeconds(1), false, false, Map.of(), null);
        FunctionConfig function = new FunctionConfig("fn", "7", 128, Duration.ofSeconds(3), "us-east-1",
                "123456789012", "h", "/aws/lambda/fn", "$LATEST");
        OtlpMeterRegistry push = OtlpMeterRegistry.builder(new PushConfig(otlp, function)).metricsSender(r -> { })
                .threadFactory(Thread.ofPlatform().daemon().factory()).build();
        try {
            assertRecordingAllocatesNothing(new InvokeMeters(new Registries(List.of(registry, push)), FUNCTION));
            // 60,000 events, one in four a success
            assertEquals(15_000, push.get("faas.invocations").tags(FUNCTION).tag("outcome", "success").counter()
                    .count(), "the push registry has them too");
        } finally {
            push.close();
        }
    }

    private static void assertRecordingAllocatesNothing(InvokeMeters meters) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)
                ManagementFactory.getThreadMXBean();
        PlatformEvent[] events = {
            new InvokeStart(T, "id", "7"),
            new InvokeReport(T, "id", 12.5, 13, 128, 40, null, "success", null, false, null),
            new InvokeReport(T, "id", 12.5, 13, 128, 40, null, "error", "Function.Oops", true, 2.0),
            new InvokeReport(T, "id", 3000, 3000, 128, 40, null, "timeout", null, false, null)};
        for (int i = 0; i < 20_000; i++) {
            meters.on(events[i % events.length]);
        }
        long thread = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 40_000; i++) {
            meters.on(events[i % events.length]);
        }
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        // a few bytes of the measurement itself (and a max's rotation) at most; one object per invoke would be 320 KB
        assertTrue(allocated < 4_096, () -> allocated + " bytes allocated recording 40,000 events");
    }

    private void init(String phase, String status, double ms) {
        meters.on(new InitStart(T, phase, "rapid-java:test", "arn"));
        meters.on(new InitReport(T, phase, ms, status, null));
    }

    private void invoke(String id, double ms, String status, String errorType, long memoryMb, Double overhead) {
        meters.on(new InvokeStart(T, id, "7"));
        meters.on(new InvokeReport(T, id, ms, InvokeReport.billed(ms), 128, memoryMb, null, status, errorType,
                errorType != null && errorType.startsWith("Function."), overhead));
    }

    private double count(String name, String tag, String value) {
        MeterRegistry r = registry;
        return r.get(name).tags(FUNCTION).tag(tag, value).counter().count();
    }
}
