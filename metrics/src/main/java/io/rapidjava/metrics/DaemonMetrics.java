package io.rapidjava.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.registry.otlp.OtlpMeterRegistry;
import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.rapid.Config;
import io.rapidjava.rapid.Log;
import io.rapidjava.rapid.metrics.MeteredSandbox;
import io.rapidjava.rapid.metrics.Metrics;
import io.rapidjava.rapid.metrics.MetricsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The metrics plug-in: a Prometheus registry behind the scrape endpoint from start-up, an OTLP registry from the
 * first sandbox bound (its resource names the function, which a deferred daemon learns only then), the JVM's
 * meters in each, and each bound sandbox's meters in all of them. Loaded by the daemon only when metrics are
 * configured.
 */
public final class DaemonMetrics implements Metrics {

    /** The last push at the daemon's exit may take this long, whatever the configured timeout. */
    static final Duration LAST_PUSH = Duration.ofSeconds(1);

    private final List<MeterRegistry> registries = new ArrayList<>();
    /** The meters of the sandboxes bound, held here: Micrometer keeps only weak references to what it reads. */
    private final List<Object> bound = new ArrayList<>();
    private final List<SandboxGauges> gauges = new CopyOnWriteArrayList<>();
    private MetricsConfig config;

    @Override
    public Future<Integer> start(Vertx vertx, Config daemon) {
        config = daemon.metrics();
        if (config.scrapeAddress() == null) {
            return Future.succeededFuture(-1);
        }
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JvmMeters.bindTo(prometheus);
        registries.add(prometheus);
        return new ScrapeEndpoint(prometheus, () -> gauges.forEach(SandboxGauges::refresh))
                .listen(vertx, daemon, config.scrapeAddress())
                .map(server -> server.actualPort());
    }

    @Override
    public void bind(MeteredSandbox sandbox) {
        if (config.otlp() != null && registries.stream().noneMatch(r -> r instanceof OtlpMeterRegistry)) {
            registries.add(push(config.otlp(), sandbox.function()));
        }
        Registries r = new Registries(registries);
        FunctionConfig f = sandbox.function();
        Tags function = Tags.of("faas.name", f.name(), "faas.version", f.version());
        InvokeMeters invokes = new InvokeMeters(r, function);
        LifecycleMeters lifecycle = new LifecycleMeters(r, function);
        sandbox.core().subscribe(invokes);
        sandbox.core().subscribe(lifecycle);
        gauges.add(new SandboxGauges(r, function, new StatusSample(sandbox.sandbox()::status)));
        if (sandbox.telemetry() != null) {
            DeliveryMeters delivery = new DeliveryMeters(r, function, sandbox.telemetry());
            sandbox.telemetry().observeSends(delivery);
            bound.add(delivery);
        }
    }

    /**
     * Pushes every interval from a daemon thread of its own; at the daemon's exit once more, within a second, with
     * the gauges' last snapshot (the event loop is closed by then).
     */
    private OtlpMeterRegistry push(MetricsConfig.Otlp otlp, FunctionConfig function) {
        Outage outage = new Outage(otlp.endpoint().toString(), Log::warn, Log::info);
        OtlpMeterRegistry registry = OtlpMeterRegistry.builder(new PushConfig(otlp, function))
                .metricsSender(new CollectorSender(otlp.timeout(), otlp.gzip(), outage))
                .threadFactory(task -> Thread.ofPlatform().daemon().name("rapid-otlp-push").unstarted(task))
                .build();
        JvmMeters.bindTo(registry);
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("rapid-otlp-last-push").unstarted(() -> {
            gauges.forEach(SandboxGauges::keepLast);
            Thread last = Thread.ofPlatform().daemon().start(registry::close);
            try {
                last.join(LAST_PUSH);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        Log.info("Pushing metrics to " + otlp.endpoint() + " every " + otlp.interval().toMillis() + " ms");
        return registry;
    }
}
