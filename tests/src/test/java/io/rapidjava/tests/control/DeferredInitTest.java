package io.rapidjava.tests.control;

import static io.rapidjava.tests.control.Ctl.assertRefused;
import static io.rapidjava.tests.control.Ctl.assertStatus;
import static io.rapidjava.tests.control.Ctl.get;
import static io.rapidjava.tests.control.Ctl.json;
import static io.rapidjava.tests.control.Ctl.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --init-mode deferred}: the daemon listens and launches nothing until {@code POST /init} binds a function;
 * then it runs as configured by that call, and the function stays bound.
 */
@Timeout(90)
class DeferredInitTest {

    @Test
    void nothingRunsBeforeTheInitAndTheInvokeFrontEndSaysSo(@TempDir Path dir) {
        try (Daemon d = Ctl.deferred(Ctl.runtime(dir)).start()) {
            assertStatus(200, get(d, "/health"), d);
            JsonNode s = json(get(d, "/state"));
            assertEquals("UNINITIALIZED", s.path("state").asText(), s::toString);
            assertEquals(0, s.path("generation").asInt(), s::toString);

            HttpResponse<String> early = d.invoke("{\"n\":1}");
            assertStatus(409, early, d);
            assertEquals("ResourceConflictException", Json.errorType(early.body()), early::body);
            assertEquals(Optional.of("ResourceConflictException"), early.headers().firstValue("X-Amzn-ErrorType"));
            assertRefused(409, "Sandbox.NotInitialized", post(d, "/invoke", "{\"n\":1}"), d);
            assertRefused(409, "Sandbox.NotInitialized", post(d, "/reset", null), d);

            assertEquals(0, Ctl.launches(dir), "no runtime was launched");
            assertEquals(0, d.process().descendants().count(), "the daemon has no child");
            assertTrue(d.isAlive(), d::describe);
        }
    }

    @Test
    void theInitBindsTheFunctionOnce(@TempDir Path dir) {
        try (Daemon d = Ctl.deferred(Ctl.runtime(dir)).start()) {
            HttpResponse<String> init = post(d, "/init", """
                    {"name":"orders","version":"3","handler":"app.handler","memorySizeMb":256,"timeoutSeconds":5,
                     "environment":{"GREETING":"hello"}}""");
            assertStatus(200, init, d);
            JsonNode report = json(init);
            assertEquals("success", report.path("status").asText(), init::body);
            assertEquals("init", report.path("phase").asText(), init::body);
            assertTrue(report.path("durationMs").asDouble() > 0, init::body);
            assertEquals(1, Ctl.launches(dir));

            HttpResponse<String> answer = d.invoke("{\"n\":1}");
            assertStatus(200, answer, d);
            JsonNode bound = json(answer);
            assertEquals("orders", bound.path("fn").asText(), answer::body);
            assertEquals("3", bound.path("version").asText(), answer::body);
            assertEquals("256", bound.path("memory").asText(), answer::body);
            assertEquals("app.handler", bound.path("handler").asText(), answer::body);
            assertEquals("hello", bound.path("greeting").asText(), answer::body);
            assertEquals(Optional.of("3"), answer.headers().firstValue("X-Amz-Executed-Version"));
            d.awaitStdout(l -> l.startsWith("REPORT ") && l.contains("Memory Size: 256 MB"), Ctl.WAIT);

            assertRefused(409, "Sandbox.AlreadyInitialized", post(d, "/init", "{\"name\":\"other\"}"), d);
            assertEquals("orders", json(d.invoke("{\"n\":2}")).path("fn").asText(), "still the first function");
            assertEquals(1, Ctl.launches(dir));
        }
    }

    @Test
    void twoInitsAtOnceBindOneAndInvokesWaitForIt(@TempDir Path dir) {
        Path bootstrap = Ctl.runtime(dir, "wait_for release");
        try (Daemon d = Ctl.deferred(bootstrap).start()) {
            CompletableFuture<HttpResponse<String>> blue = Ctl.postAsync(d, "/init", "{\"name\":\"blue\"}");
            CompletableFuture<HttpResponse<String>> green = Ctl.postAsync(d, "/init", "{\"name\":\"green\"}");
            Await.until(() -> Ctl.launches(dir) == 1, Ctl.WAIT, d::describe);
            assertEquals("INITIALIZING", json(get(d, "/state")).path("state").asText());
            CompletableFuture<HttpResponse<String>> invoke = Daemon.http().sendAsync(
                    d.invokeRequest(HttpRequest.BodyPublishers.ofString("{\"n\":1}"), Map.of()),
                    HttpResponse.BodyHandlers.ofString());
            Await.until(() -> blue.isDone() || green.isDone(), Ctl.WAIT, d::describe);
            boolean blueRefused = blue.isDone();
            assertRefused(409, "Sandbox.AlreadyInitialized", Ctl.answer(d, blueRefused ? blue : green), d);
            CompletableFuture<HttpResponse<String>> winner = blueRefused ? green : blue;
            assertFalse(winner.isDone(), "the init is answered once it is done");
            Files.writeString(dir.resolve("release"), "");
            assertStatus(200, Ctl.answer(d, winner), d);
            HttpResponse<String> answer = Ctl.answer(d, invoke);
            assertStatus(200, answer, d);
            assertEquals(winner == blue ? "blue" : "green", json(answer).path("fn").asText(), answer::body);
            assertEquals(1, Ctl.launches(dir));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aFailedInitIsAnswered502WithItsReport(@TempDir Path dir) {
        try (Daemon d = Ctl.deferred(Ctl.runtime(dir, "exit 1")).start()) {
            HttpResponse<String> init = post(d, "/init", null);
            assertStatus(502, init, d);
            JsonNode report = json(init);
            assertEquals("error", report.path("status").asText(), init::body);
            assertEquals("Runtime.ExitError", report.path("errorType").asText(), init::body);
            assertRefused(409, "Sandbox.AlreadyInitialized", post(d, "/init", null), d);
            JsonNode s = json(get(d, "/state"));
            assertEquals("Runtime.ExitError", s.path("lastError").path("errorType").asText(), s::toString);
            assertEquals(1, s.path("counters").path("initFailures").asInt(), s::toString);
        }
    }

    @Test
    void aRefusedInitBindsNothing(@TempDir Path dir) {
        try (Daemon d = Ctl.deferred(Ctl.runtime(dir)).start()) {
            for (String body : List.of("{\"name\":\"has space\"}", "{\"timeoutSeconds\":901}",
                    "{\"environment\":{\"GREETING\":1}}", "{\"environment\":{\"AWS_REGION\":\"x\"}}", "{\"nam\":\"x\"}",
                    "not json")) {
                HttpResponse<String> r = post(d, "/init", body);
                assertEquals(400, r.statusCode(), () -> body + " -> " + r.body());
                String field = body.startsWith("not") ? "body" : body.replaceAll("^\\{\"([a-zA-Z]+)\".*", "$1");
                assertTrue(Json.errorMessage(r.body()).startsWith(field), () -> body + " -> " + r.body());
            }
            assertEquals(0, Ctl.launches(dir));
            assertEquals("UNINITIALIZED", json(get(d, "/state")).path("state").asText());
            assertStatus(200, post(d, "/init", "{\"name\":\"fine\"}"), d);
            assertEquals("fine", json(post(d, "/invoke", "{\"n\":1}")).path("fn").asText());
        }
    }
}
