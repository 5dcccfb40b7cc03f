package io.rapidjava.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.rapid.metrics.MetricsConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PushConfigTest {

    private static final FunctionConfig FUNCTION = new FunctionConfig("orders", "12", 256, Duration.ofSeconds(3),
            "eu-west-1", "123456789012", "h", "/aws/lambda/orders", "$LATEST");

    @Test
    void theFunctionNamesTheServiceUnlessTheVariablesSayOtherwise() {
        Map<String, String> plain = PushConfig.resource(otlp(Map.of(), null), FUNCTION);
        assertEquals("orders", plain.get("service.name"));
        assertEquals("orders", plain.get("faas.name"));
        assertEquals("12", plain.get("faas.version"));
        assertEquals(Long.toString(256L << 20), plain.get("faas.max_memory"));
        assertEquals("eu-west-1", plain.get("cloud.region"));

        Map<String, String> attributes = PushConfig.resource(
                otlp(Map.of("service.name", "from-attributes", "deployment.environment", "test"), null), FUNCTION);
        assertEquals("from-attributes", attributes.get("service.name"));
        assertEquals("test", attributes.get("deployment.environment"));

        Map<String, String> named = PushConfig.resource(otlp(Map.of("service.name", "from-attributes"), "billing"),
                FUNCTION);
        assertEquals("billing", named.get("service.name"), "OTEL_SERVICE_NAME wins");
    }

    private static MetricsConfig.Otlp otlp(Map<String, String> attributes, String serviceName) {
        return new MetricsConfig.Otlp(URI.create("http://127.0.0.1:4318/v1/metrics"), Map.of(), Duration.ofSeconds(60),
                Duration.ofSeconds(10), false, false, attributes, serviceName);
    }
}
