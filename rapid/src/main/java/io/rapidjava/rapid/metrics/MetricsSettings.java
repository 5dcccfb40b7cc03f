package io.rapidjava.rapid.metrics;

import io.rapidjava.rapid.Config;
import io.rapidjava.rapid.ConfigException;
import io.rapidjava.rapid.ConfigParser;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the metrics' settings: {@code --metrics-address} ({@code RAPID_METRICS_ADDRESS}) and the OTLP push, set by
 * {@code --otlp-metrics-endpoint} or by the OpenTelemetry SDKs' standard variables, read as their specification
 * says (a signal's own variable wins over the generic one; the generic endpoint gets {@code /v1/metrics}). Only
 * called when one of them is set: without an endpoint, the {@code OTEL_*} variables belong to the function.
 */
public final class MetricsSettings {

    public static final String ADDRESS = "RAPID_METRICS_ADDRESS";
    public static final String METRICS_ENDPOINT = "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT";
    public static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";
    private static final String OTLP = "OTEL_EXPORTER_OTLP_";
    private static final String METRICS = "OTEL_EXPORTER_OTLP_METRICS_";
    private static final long DEFAULT_INTERVAL_MS = 60_000;
    private static final long DEFAULT_TIMEOUT_MS = 10_000;
    private static final long MAX_INTERVAL_MS = 86_400_000;
    private static final long MAX_TIMEOUT_MS = 600_000;

    private final Map<String, String> env;

    private MetricsSettings(Map<String, String> env) {
        this.env = env;
    }

    /**
     * {@code address}: the scrape endpoint's (flag or variable; empty: none); {@code endpointFlag}: the OTLP
     * endpoint given on the command line (empty: the variables say).
     */
    public static MetricsConfig parse(Map<String, String> env, String address, String endpointFlag)
            throws ConfigException {
        MetricsSettings s = new MetricsSettings(env);
        Config.HostPort scrape = address.isEmpty() ? null
                : ConfigParser.loopbackUnlessNamed(ADDRESS + " / --metrics-address", address);
        URI endpoint = s.endpoint(endpointFlag);
        return new MetricsConfig(scrape, endpoint == null ? null : s.otlp(endpoint));
    }

    private MetricsConfig.Otlp otlp(URI endpoint) throws ConfigException {
        String protocol = signal("PROTOCOL", "http/protobuf");
        if (!protocol.equals("http/protobuf")) {
            throw new ConfigException("invalid " + METRICS + "PROTOCOL / " + OTLP + "PROTOCOL '" + protocol
                    + "': the daemon pushes http/protobuf only (set " + METRICS + "PROTOCOL=http/protobuf)");
        }
        String compression = signal("COMPRESSION", "none").toLowerCase(Locale.ROOT);
        if (!compression.equals("none") && !compression.equals("gzip")) {
            throw new ConfigException("invalid " + METRICS + "COMPRESSION / " + OTLP + "COMPRESSION '" + compression
                    + "': expected gzip or none");
        }
        // the signal's own headers replace the generic ones, as the SDKs take them
        Map<String, String> headers = env(METRICS + "HEADERS", "").isEmpty() ? pairs(OTLP + "HEADERS")
                : pairs(METRICS + "HEADERS");
        String serviceName = env("OTEL_SERVICE_NAME", "");
        return new MetricsConfig.Otlp(endpoint, headers,
                Duration.ofMillis(ConfigParser.bounded("OTEL_METRIC_EXPORT_INTERVAL",
                        env("OTEL_METRIC_EXPORT_INTERVAL", Long.toString(DEFAULT_INTERVAL_MS)), 1, MAX_INTERVAL_MS)),
                Duration.ofMillis(ConfigParser.bounded(METRICS + "TIMEOUT / " + OTLP + "TIMEOUT",
                        signal("TIMEOUT", Long.toString(DEFAULT_TIMEOUT_MS)), 1, MAX_TIMEOUT_MS)),
                compression.equals("gzip"), delta(), pairs("OTEL_RESOURCE_ATTRIBUTES"),
                serviceName.isEmpty() ? null : serviceName);
    }

    /** The flag, the signal's endpoint as given, or the generic one with the signal's path appended. */
    private URI endpoint(String flag) throws ConfigException {
        if (!flag.isEmpty()) {
            return url("--otlp-metrics-endpoint", flag);
        }
        String own = env(METRICS_ENDPOINT, "");
        if (!own.isEmpty()) {
            return url(METRICS_ENDPOINT, own);
        }
        String base = env(ENDPOINT, "");
        if (base.isEmpty()) {
            return null;
        }
        URI generic = url(ENDPOINT, base);
        String path = generic.getRawPath() == null ? "" : generic.getRawPath();
        return url(ENDPOINT, generic.resolve((path.endsWith("/") ? path : path + "/") + "v1/metrics").toString());
    }

    private static URI url(String what, String value) throws ConfigException {
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException("invalid " + what + " '" + value + "': " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new ConfigException("invalid " + what + " '" + value + "': expected an http:// or https:// URL");
        }
        return uri;
    }

    /** {@code cumulative} (the default), {@code delta}, or {@code lowmemory} (delta too: one temporality a push). */
    private boolean delta() throws ConfigException {
        String value = env(METRICS + "TEMPORALITY_PREFERENCE", "cumulative").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "cumulative" -> false;
            case "delta", "lowmemory" -> true;
            default -> throw new ConfigException("invalid " + METRICS + "TEMPORALITY_PREFERENCE '" + value
                    + "': expected cumulative, delta or lowmemory");
        };
    }

    /** {@code key=value,key=value}, values percent-decoded (the specification's format for headers and attributes). */
    private Map<String, String> pairs(String name) throws ConfigException {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String entry : env(name, "").split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String key = eq < 0 ? "" : entry.substring(0, eq).trim();
            if (key.isEmpty()) {
                throw new ConfigException("invalid " + name + " entry '" + entry.trim() + "': expected key=value");
            }
            try {
                // percent-encoding only: a '+' is a plus sign here, not a space as in a form
                pairs.put(key, URLDecoder.decode(entry.substring(eq + 1).trim().replace("+", "%2B"),
                        StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("invalid " + name + " entry '" + entry.trim() + "': " + e.getMessage());
            }
        }
        return pairs;
    }

    /** The signal's own variable, else the generic one, else {@code fallback}. */
    private String signal(String suffix, String fallback) {
        return env(METRICS + suffix, env(OTLP + suffix, fallback));
    }

    /** Set-but-empty counts as unset, as everywhere in the daemon's configuration. */
    private String env(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
