package io.rapidjava.tests.ric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidjava.tests.ric.handlers.ContextHandler;
import io.rapidjava.tests.support.Daemon;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What AWS's Java RIC puts into the handler's {@code Context} when run by the daemon: request id, deadline,
 * function ARN/name/version/memory and the client context. One RIC JVM with {@code AWS_LAMBDA_FUNCTION_TIMEOUT=10}
 * and otherwise default settings serves the class; one test starts its own with a custom name and memory size.
 */
class RicContextTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:012345678912:function:";

    @TempDir
    static Path dir;

    private static Daemon daemon;

    @BeforeAll
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    static void startDaemon() {
        daemon = RicRuntime.start(dir, ContextHandler.class, Map.of("AWS_LAMBDA_FUNCTION_TIMEOUT", "10"), "{}");
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static JsonNode invokeContext(Daemon d, Map<String, String> headers) throws Exception {
        HttpResponse<String> response = d.invoke("{\"probe\":\"context\"}", headers);
        assertEquals(200, response.statusCode(), () -> "status; body: " + response.body() + "\n" + d.describe());
        assertTrue(response.headers().firstValue("X-Amz-Function-Error").isEmpty(),
                () -> "unexpected function error: " + response.body());
        JsonNode context = JSON.readTree(response.body());
        assertEquals("context", context.path("event").path("probe").asText(), "the handler got the invoke payload");
        return context;
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void awsRequestIdIsAFreshUuidMatchingTheStartLine() throws Exception {
        String first = invokeContext(daemon, Map.of()).path("awsRequestId").asText();
        String second = invokeContext(daemon, Map.of()).path("awsRequestId").asText();

        for (String id : new String[] {first, second}) {
            assertTrue(UUID_TEXT.matcher(id).matches(), () -> "request id is not a lower-case UUID: '" + id + "'");
            assertEquals(id, UUID.fromString(id).toString());
            daemon.awaitStdout(line -> line.contains("START RequestId: " + id), Duration.ofSeconds(10));
            daemon.awaitStdout(line -> line.contains("REPORT RequestId: " + id), Duration.ofSeconds(10));
        }
        assertNotEquals(first, second, "each invoke gets its own request id");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void remainingTimeFollowsTheConfiguredTimeout() throws Exception {
        long remaining = invokeContext(daemon, Map.of()).path("remainingTimeInMillis").asLong(-1);

        assertTrue(remaining > 8000 && remaining <= 10000,
                () -> "getRemainingTimeInMillis() with AWS_LAMBDA_FUNCTION_TIMEOUT=10 on a warm runtime: " + remaining);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void defaultFunctionIdentity() throws Exception {
        JsonNode context = invokeContext(daemon, Map.of());

        assertEquals(ARN_PREFIX + "test_function", context.path("invokedFunctionArn").asText(), "invoked function ARN");
        assertEquals("test_function", context.path("functionName").asText(), "function name");
        assertEquals("$LATEST", context.path("functionVersion").asText(), "function version");
        assertEquals(3008, context.path("memoryLimitInMB").asInt(-1), "memory limit (MB)");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void clientContextHeaderIsDecodedAndHandedToTheRuntime() throws Exception {
        String clientContext = "{\"custom\":{\"k\":\"v\"},\"client\":{},\"env\":{}}";
        String header = Base64.getEncoder().encodeToString(clientContext.getBytes(StandardCharsets.UTF_8));

        JsonNode context = invokeContext(daemon, Map.of("X-Amz-Client-Context", header));

        assertTrue(context.path("hasClientContext").asBoolean(), () -> "getClientContext() is null: " + context);
        assertEquals(JSON.readTree("{\"k\":\"v\"}"), context.path("clientContextCustom"), "getCustom()");
        assertEquals(JSON.readTree("{}"), context.path("clientContextEnvironment"), "getEnvironment()");
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void noClientContextWithoutTheHeader() throws Exception {
        JsonNode context = invokeContext(daemon, Map.of());

        assertFalse(context.path("hasClientContext").asBoolean(true), () -> "getClientContext() not null: " + context);
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void functionNameAndMemorySizeFromTheEnvironment() throws Exception {
        Path own = Files.createDirectories(dir.resolve("custom"));
        try (Daemon custom = RicRuntime.start(own, ContextHandler.class,
                Map.of("AWS_LAMBDA_FUNCTION_NAME", "my-java-function", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"),
                "{}")) {
            JsonNode context = invokeContext(custom, Map.of());

            assertEquals(ARN_PREFIX + "my-java-function", context.path("invokedFunctionArn").asText(),
                    "invoked function ARN");
            assertEquals("my-java-function", context.path("functionName").asText(), "function name");
            assertEquals(512, context.path("memoryLimitInMB").asInt(-1), "memory limit (MB)");
            long remaining = context.path("remainingTimeInMillis").asLong(-1);
            assertTrue(remaining > 290_000 && remaining <= 300_000,
                    () -> "getRemainingTimeInMillis() with the default 300 s timeout: " + remaining);
        }
    }
}
