package io.rapidjava.rapid.metrics;

import io.rapidjava.rapid.Config;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * The metrics the daemon was told to export: a Prometheus scrape endpoint ({@code scrapeAddress}), an OTLP push
 * ({@code otlp}), or both; either is null when off. The daemon's {@link Config} holds none at all when neither is
 * configured, so that nothing of the metrics is ever loaded.
 */
public record MetricsConfig(Config.HostPort scrapeAddress, Otlp otlp) {

    /**
     * The OTLP push (http/protobuf), from the standard {@code OTEL_*} variables: where to, with which headers, how
     * often and how long a push may take, gzip or not, delta or cumulative temporality, and the resource's
     * attributes ({@code OTEL_RESOURCE_ATTRIBUTES}); {@code serviceName} null means the function's name.
     */
    public record Otlp(URI endpoint, Map<String, String> headers, Duration interval, Duration timeout, boolean gzip,
                       boolean delta, Map<String, String> resourceAttributes, String serviceName) {

        public Otlp {
            headers = Map.copyOf(headers);
            resourceAttributes = Map.copyOf(resourceAttributes);
        }
    }
}
