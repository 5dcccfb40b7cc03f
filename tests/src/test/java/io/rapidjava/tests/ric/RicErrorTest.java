package io.rapidjava.tests.ric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidjava.tests.ric.handlers.FailingHandler;
import io.rapidjava.tests.support.Daemon;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A handler that throws {@code RuntimeException("boom")} under AWS's Java RIC: like real Lambda the caller gets
 * 200, {@code X-Amz-Function-Error: Unhandled} and the runtime's error JSON.
 */
class RicErrorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Daemon daemon;

    @BeforeAll
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    static void startDaemon() {
        // the warm-up invoke fails in the handler too, but with status 200
        daemon = RicRuntime.start(dir, FailingHandler.class, Map.of(), "{}");
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static void assertBoom(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), () -> "status; body: " + response.body() + "\n" + daemon.describe());
        assertEquals("Unhandled", response.headers().firstValue("X-Amz-Function-Error").orElse(null),
                () -> "X-Amz-Function-Error header; headers: " + response.headers().map());
        JsonNode error = JSON.readTree(response.body());
        assertEquals("boom", error.path("errorMessage").asText(null), () -> "errorMessage in " + response.body());
        assertEquals("java.lang.RuntimeException", error.path("errorType").asText(null),
                () -> "errorType in " + response.body());
        JsonNode stackTrace = error.path("stackTrace");
        assertTrue(stackTrace.isArray() && !stackTrace.isEmpty(), () -> "stackTrace array in " + response.body());
        assertTrue(StreamSupport.stream(stackTrace.spliterator(), false)
                        .anyMatch(frame -> frame.asText().contains(FailingHandler.class.getName() + ".handleRequest")),
                () -> "stackTrace names the throwing handler: " + stackTrace);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void unhandledExceptionIsAFunctionError() throws Exception {
        assertBoom(daemon.invoke("{\"any\":\"thing\"}"));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theRuntimeKeepsServingAfterAnError() throws Exception {
        List<Long> before = RicRuntime.ricPids(daemon);
        assertEquals(1, before.size(), () -> "one RIC JVM under the daemon: " + before);
        for (int i = 0; i < 5; i++) {
            assertBoom(daemon.invoke("{\"i\":" + i + "}"));
        }
        assertTrue(daemon.isAlive(), "daemon still running");
        assertEquals(before, RicRuntime.ricPids(daemon), "a function error does not restart the runtime");
    }
}
