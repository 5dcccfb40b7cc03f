package io.rapidjava.metrics;

import io.micrometer.registry.otlp.AggregationTemporality;
import io.micrometer.registry.otlp.CompressionMode;
import io.micrometer.registry.otlp.OtlpConfig;
import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.rapid.metrics.MetricsConfig;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The OTLP registry's configuration, from the daemon's (which read the {@code OTEL_*} variables and refused bad
 * values at start-up): every setting is answered here, so Micrometer reads no variable of its own. Durations in
 * seconds, as OpenTelemetry's FaaS conventions give them.
 */
final class PushConfig implements OtlpConfig {

    private final MetricsConfig.Otlp otlp;
    private final Map<String, String> resource;

    PushConfig(MetricsConfig.Otlp otlp, FunctionConfig function) {
        this.otlp = otlp;
        this.resource = resource(otlp, function);
    }

    /**
     * What the function is, as the OpenTelemetry Lambda layer names it, then {@code OTEL_RESOURCE_ATTRIBUTES} over
     * that, then {@code OTEL_SERVICE_NAME} over {@code service.name} (the function's name by default).
     */
    static Map<String, String> resource(MetricsConfig.Otlp otlp, FunctionConfig function) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("service.name", function.name());
        attributes.put("cloud.provider", "aws");
        attributes.put("cloud.region", function.region());
        attributes.put("faas.name", function.name());
        attributes.put("faas.version", function.version());
        attributes.put("faas.max_memory", Long.toString((long) function.memorySizeMb() << 20));
        attributes.putAll(otlp.resourceAttributes());
        if (otlp.serviceName() != null) {
            attributes.put("service.name", otlp.serviceName());
        }
        return Map.copyOf(attributes);
    }

    @Override
    public String get(String key) {
        return null;
    }

    @Override
    public String url() {
        return otlp.endpoint().toString();
    }

    @Override
    public Duration step() {
        return otlp.interval();
    }

    @Override
    public Map<String, String> resourceAttributes() {
        return resource;
    }

    @Override
    public Map<String, String> headers() {
        return otlp.headers();
    }

    @Override
    public AggregationTemporality aggregationTemporality() {
        return otlp.delta() ? AggregationTemporality.DELTA : AggregationTemporality.CUMULATIVE;
    }

    /** The sender compresses (see {@link CollectorSender}). */
    @Override
    public CompressionMode compressionMode() {
        return CompressionMode.NONE;
    }

    @Override
    public TimeUnit baseTimeUnit() {
        return TimeUnit.SECONDS;
    }
}
