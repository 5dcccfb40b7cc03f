package io.rapidjava.tests.ric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidjava.tests.ric.handlers.EchoHandler;
import io.rapidjava.tests.support.Daemon;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** AWS's Java RIC, unmodified, running {@link EchoHandler} under the daemon: one RIC JVM for the whole class. */
class RicEchoTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static Daemon daemon;

    @BeforeAll
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    static void startDaemon() {
        daemon = RicRuntime.start(dir, EchoHandler.class, Map.of(), "{\"warm\":\"up\"}");
    }

    @AfterAll
    static void stopDaemon() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void echoesAJsonPayload() throws Exception {
        String body = "{\"hello\":\"world\",\"n\":42,\"pi\":3.5,\"flag\":true,"
                + "\"nested\":{\"list\":[1,2,3],\"text\":\"ünïcødé ✓ \\\"quoted\\\" <tag> & more\"}}";

        HttpResponse<String> response = daemon.invoke(body);

        assertEquals(200, response.statusCode(), () -> "status; body: " + response.body() + "\n" + daemon.describe());
        assertEquals(JSON.readTree(body), JSON.readTree(response.body()), "echoed payload");
        assertTrue(response.headers().firstValue("X-Amz-Function-Error").isEmpty(),
                () -> "no function error expected: " + response.headers().map());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void hundredSequentialInvokesAllEchoTheirOwnPayload() throws Exception {
        for (int i = 0; i < 100; i++) {
            String body = "{\"i\":" + i + ",\"s\":\"payload-" + i + "-" + UUID.randomUUID() + "\"}";
            HttpResponse<String> response = daemon.invoke(body);
            int n = i;
            assertEquals(200, response.statusCode(),
                    () -> "invoke #" + n + " status; body: " + response.body() + "\n" + daemon.describe());
            JsonNode echoed = JSON.readTree(response.body());
            assertEquals(JSON.readTree(body), echoed, "invoke #" + i + " echoed payload");
        }
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void tailLogTypeReturnsTheHandlersLogLine() throws Exception {
        String marker = "marker-" + UUID.randomUUID();
        String body = "{\"log\":\"" + marker + "\"}";

        HttpResponse<String> response = daemon.invoke(body, Map.of("X-Amz-Log-Type", "Tail"));

        assertEquals(200, response.statusCode(), () -> "status; body: " + response.body());
        assertEquals(JSON.readTree(body), JSON.readTree(response.body()), "echoed payload");
        String logResult = response.headers().firstValue("X-Amz-Log-Result")
                .orElseThrow(() -> new AssertionError("no X-Amz-Log-Result header: " + response.headers().map()));
        String log = new String(Base64.getDecoder().decode(logResult), StandardCharsets.UTF_8);
        assertTrue(log.contains("echo handler logs: " + marker), () -> "log tail lacks the handler's line:\n" + log);
        assertTrue(log.contains("END RequestId: "), () -> "log tail lacks the END line:\n" + log);
        assertTrue(log.contains("REPORT RequestId: "), () -> "log tail lacks the REPORT line:\n" + log);
    }
}
