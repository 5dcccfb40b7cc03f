package io.rapidjava.tests.control;

import static io.rapidjava.tests.control.Ctl.assertStatus;
import static io.rapidjava.tests.control.Ctl.json;
import static io.rapidjava.tests.control.Ctl.post;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Daemon;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An orchestrator's pool: two sandboxes booted in deferred mode from the same image, each bound later to a
 * function of its own, each answering as its function, through its invoke port and its control API.
 */
@Timeout(90)
class PoolTest {

    @Test
    void twoDeferredDaemonsBoundToTwoFunctions(@TempDir Path a, @TempDir Path b) {
        try (Daemon first = Ctl.deferred(Ctl.runtime(a)).start();
             Daemon second = Ctl.deferred(Ctl.runtime(b)).start()) {
            assertStatus(200, post(first, "/init", "{\"name\":\"fn-a\",\"environment\":{\"GREETING\":\"alpha\"}}"),
                    first);
            assertStatus(200, post(second, "/init", "{\"name\":\"fn-b\",\"environment\":{\"GREETING\":\"beta\"}}"),
                    second);
            assertAnswersAs(first, first.invoke("{\"via\":\"front-end\"}"), "fn-a", "alpha");
            assertAnswersAs(second, second.invoke("{\"via\":\"front-end\"}"), "fn-b", "beta");
            assertAnswersAs(first, post(first, "/invoke", "{\"via\":\"control\"}"), "fn-a", "alpha");
            assertAnswersAs(second, post(second, "/invoke", "{\"via\":\"control\"}"), "fn-b", "beta");
        }
    }

    private static void assertAnswersAs(Daemon d, HttpResponse<String> answer, String name, String greeting) {
        assertStatus(200, answer, d);
        JsonNode body = json(answer);
        assertEquals(name, body.path("fn").asText(), answer::body);
        assertEquals(greeting, body.path("greeting").asText(), answer::body);
    }
}
