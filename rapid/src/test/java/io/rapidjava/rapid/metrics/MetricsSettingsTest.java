package io.rapidjava.rapid.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.rapid.Config;
import io.rapidjava.rapid.ConfigException;
import io.rapidjava.rapid.ConfigParser;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsSettingsTest {

    @Test
    void offUnlessAnAddressOrAnEndpointIsGiven() throws ConfigException {
        // the OTEL_* variables without an endpoint are the function's (its own SDK's), not the daemon's
        assertNull(parse(Map.of("OTEL_SERVICE_NAME", "x", "OTEL_METRIC_EXPORT_INTERVAL", "not a number")).metrics());
    }

    @Test
    void theScrapeAddressIsOnLoopbackUnlessAHostIsNamed() throws ConfigException {
        assertEquals(new Config.HostPort("127.0.0.1", 9100), parse(Map.of(), "--metrics-address", "9100").metrics()
                .scrapeAddress());
        assertEquals(new Config.HostPort("127.0.0.1", 9100), parse(Map.of("RAPID_METRICS_ADDRESS", ":9100"))
                .metrics().scrapeAddress());
        assertEquals(new Config.HostPort("0.0.0.0", 9100), parse(Map.of("RAPID_METRICS_ADDRESS", "0.0.0.0:7"),
                "--metrics-address", "0.0.0.0:9100").metrics().scrapeAddress(), "the flag wins");
        assertNull(parse(Map.of(), "--metrics-address", "9100").metrics().otlp());
    }

    @Test
    void theGenericEndpointGetsTheSignalsPath() throws ConfigException {
        assertEquals(URI.create("http://collector:4318/v1/metrics"),
                otlp(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318")).endpoint());
        assertEquals(URI.create("http://collector:4318/base/v1/metrics"),
                otlp(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318/base/")).endpoint());
        assertEquals(URI.create("https://collector/custom"), otlp(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "https://collector/custom")).endpoint(), "as given");
        assertEquals(URI.create("http://127.0.0.1:9/x"), parse(Map.of("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
                "http://a/b"), "--otlp-metrics-endpoint", "http://127.0.0.1:9/x").metrics().otlp().endpoint());
    }

    @Test
    void theStandardVariablesAreRead() throws ConfigException {
        MetricsConfig.Otlp otlp = otlp(Map.of(
                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318",
                "OTEL_METRIC_EXPORT_INTERVAL", "500",
                "OTEL_EXPORTER_OTLP_TIMEOUT", "2500",
                "OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20abc,x-team=core",
                "OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=test, team = a%2Cb+c",
                "OTEL_SERVICE_NAME", "billing",
                "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "Delta",
                "OTEL_EXPORTER_OTLP_COMPRESSION", "gzip"));
        assertEquals(Duration.ofMillis(500), otlp.interval());
        assertEquals(Duration.ofMillis(2500), otlp.timeout());
        assertEquals(Map.of("authorization", "Bearer abc", "x-team", "core"), otlp.headers());
        assertEquals(Map.of("deployment.environment", "test", "team", "a,b+c"), otlp.resourceAttributes());
        assertEquals("billing", otlp.serviceName());
        assertTrue(otlp.delta());
        assertTrue(otlp.gzip());
    }

    @Test
    void defaultsAndTheSignalsOwnVariablesWin() throws ConfigException {
        MetricsConfig.Otlp plain = otlp(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318"));
        assertEquals(Duration.ofSeconds(60), plain.interval());
        assertEquals(Duration.ofSeconds(10), plain.timeout());
        assertFalse(plain.delta());
        assertFalse(plain.gzip());
        assertNull(plain.serviceName());
        assertEquals(Map.of(), plain.headers());

        MetricsConfig.Otlp own = otlp(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318",
                "OTEL_EXPORTER_OTLP_HEADERS", "a=1,b=2", "OTEL_EXPORTER_OTLP_METRICS_HEADERS", "c=3",
                "OTEL_EXPORTER_OTLP_TIMEOUT", "5", "OTEL_EXPORTER_OTLP_METRICS_TIMEOUT", "7",
                "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc", "OTEL_EXPORTER_OTLP_METRICS_PROTOCOL", "http/protobuf"));
        assertEquals(Map.of("c", "3"), own.headers());
        assertEquals(Duration.ofMillis(7), own.timeout());
    }

    @Test
    void badValuesAreRefusedNamingTheVariable() {
        assertRefused(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318"), "OTEL_EXPORTER_OTLP_ENDPOINT");
        assertRefused(Map.of("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "ftp://c/x"), "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT");
        assertRefused(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c:4318 /x"), "OTEL_EXPORTER_OTLP_ENDPOINT");
        assertRefused(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c", "OTEL_METRIC_EXPORT_INTERVAL", "0"),
                "OTEL_METRIC_EXPORT_INTERVAL");
        assertRefused(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c", "OTEL_EXPORTER_OTLP_PROTOCOL", "grpc"),
                "PROTOCOL");
        assertRefused(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c", "OTEL_EXPORTER_OTLP_HEADERS", "novalue"),
                "OTEL_EXPORTER_OTLP_HEADERS");
        assertRefused(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c",
                "OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE", "sometimes"), "TEMPORALITY_PREFERENCE");
        assertRefused(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://c", "OTEL_EXPORTER_OTLP_COMPRESSION", "zstd"),
                "COMPRESSION");
        assertRefused(Map.of("RAPID_METRICS_ADDRESS", "127.0.0.1:http"), "RAPID_METRICS_ADDRESS");
        assertRefused(Map.of("RAPID_METRICS_ADDRESS", "70000"), "RAPID_METRICS_ADDRESS");
    }

    private static void assertRefused(Map<String, String> env, String named) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(env));
        assertTrue(e.getMessage().contains(named), e.getMessage());
    }

    private static MetricsConfig.Otlp otlp(Map<String, String> env) throws ConfigException {
        return parse(env).metrics().otlp();
    }

    private static Config parse(Map<String, String> env, String... args) throws ConfigException {
        String[] all = new String[args.length + 1];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "/bin/true";
        return new ConfigParser(env, Path.of("/tmp")).parse(all);
    }
}
