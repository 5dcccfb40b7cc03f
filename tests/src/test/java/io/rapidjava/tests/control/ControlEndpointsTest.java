package io.rapidjava.tests.control;

import static io.rapidjava.tests.control.Ctl.assertRefused;
import static io.rapidjava.tests.control.Ctl.assertStatus;
import static io.rapidjava.tests.control.Ctl.get;
import static io.rapidjava.tests.control.Ctl.json;
import static io.rapidjava.tests.control.Ctl.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Daemon;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The control API of an eagerly initialised daemon: each endpoint's answer, and each refusal leaving it intact. */
@Timeout(90)
class ControlEndpointsTest {

    @Test
    void healthAndState(@TempDir Path dir) {
        try (Daemon d = Ctl.daemon(Ctl.runtime(dir)).start()) {
            HttpResponse<String> health = get(d, "/health");
            assertStatus(200, health, d);
            assertEquals("{\"status\":\"ok\"}\n", health.body());
            assertStatus(200, d.invoke("{\"n\":1}"), d);
            JsonNode s = Ctl.awaitState(d, "READY");
            assertEquals(1, s.path("generation").asInt(), s::toString);
            assertTrue(s.path("runtimeState").isTextual(), s::toString);
            assertTrue(s.path("extensions").isArray() && s.path("extensions").isEmpty(), s::toString);
            assertTrue(s.path("inFlight").isArray() && s.path("inFlight").isEmpty(), s::toString);
            assertEquals(0, s.path("queued").asInt(), s::toString);
            assertTrue(s.path("initDurationMs").asDouble() > 0, s::toString);
            assertTrue(s.path("lastError").isNull(), s::toString);
            assertEquals(1, s.path("counters").path("invokes").asInt(), s::toString);
            assertEquals(1, s.path("counters").path("inits").asInt(), s::toString);
        }
    }

    @Test
    void stateShowsExtensionsWithTheirEventsAndTheLastFatalError(@TempDir Path dir) {
        Path ext = dir.resolve("extensions");
        Ctl.extension(ext, "watcher", dir, "");
        try (Daemon d = Ctl.daemon(Ctl.runtime(dir)).flag("--extensions-dir", ext.toString()).start()) {
            JsonNode s = Ctl.awaitState(d, "READY");
            JsonNode watcher = s.path("extensions").path(0);
            assertEquals("watcher", watcher.path("name").asText(), s::toString);
            assertEquals("external", watcher.path("kind").asText(), s::toString);
            assertTrue(watcher.path("state").isTextual(), s::toString);
            assertEquals("[\"INVOKE\",\"SHUTDOWN\"]", watcher.path("events").toString(), s::toString);

            HttpResponse<String> crashed = d.invoke("{\"crash\":true}");
            assertEquals(Optional.of("Unhandled"), crashed.headers().firstValue("X-Amz-Function-Error"), d::describe);
            JsonNode failed = json(get(d, "/state"));
            assertEquals("Runtime.ExitError", failed.path("lastError").path("errorType").asText(), failed::toString);
            assertTrue(failed.path("lastError").path("message").isTextual(), failed::toString);
            assertTrue(failed.path("lastError").path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"),
                    failed::toString);
        }
    }

    @Test
    void invokeThroughTheControlApiAnswersAsTheFrontEnd(@TempDir Path dir) {
        try (Daemon d = Ctl.daemon(Ctl.runtime(dir)).start()) {
            HttpResponse<String> front = d.invoke("{\"n\":1}");
            HttpResponse<String> control = post(d, "/invoke", "{\"n\":1}");
            assertStatus(200, control, d);
            assertEquals(front.body(), control.body());
            assertEquals(front.headers().firstValue("Content-Type"), control.headers().firstValue("Content-Type"));
            assertEquals(Optional.of("$LATEST"), control.headers().firstValue("X-Amz-Executed-Version"));
            assertTrue(control.headers().firstValue("X-Amzn-RequestId").isPresent(), control.headers()::toString);

            HttpResponse<String> dryRun = send(d, "/invoke", Map.of("X-Amz-Invocation-Type", "DryRun"));
            assertStatus(204, dryRun, d);
            HttpResponse<String> bad = send(d, "/invoke", Map.of("X-Amz-Invocation-Type", "Sometimes"));
            assertStatus(400, bad, d);
            assertEquals(Optional.of("InvalidParameterValueException"), bad.headers().firstValue("X-Amzn-ErrorType"));
            assertEquals(2, Ctl.awaitState(d, "READY").path("counters").path("invokes").asInt());
        }
    }

    @Test
    void resetEndsTheGenerationAndInitialisesAgain(@TempDir Path dir) {
        try (Daemon d = Ctl.daemon(Ctl.runtime(dir)).start()) {
            Ctl.awaitState(d, "READY");
            long runtime = Ctl.runtimePid(d, dir);
            HttpResponse<String> reset = post(d, "/reset", "{\"reason\":\"failure\"}");
            assertStatus(200, reset, d);
            JsonNode summary = json(reset);
            assertEquals("failure", summary.path("reason").asText(), reset::body);
            assertTrue(summary.path("durationMs").asDouble() >= 0, reset::body);
            Ctl.assertEnded(summary, "runtime", runtime);
            JsonNode s = Ctl.awaitState(d, "READY");
            assertEquals(2, s.path("generation").asInt(), s::toString);
            Await.until(() -> Ctl.launches(dir) == 2, Ctl.WAIT, d::describe);
            assertStatus(200, d.invoke("{\"n\":2}"), d);
            assertStatus(200, post(d, "/reset", null), d);
        }
    }

    @Test
    void refusalsLeaveTheSandboxIntact(@TempDir Path dir) {
        try (Daemon d = Ctl.daemon(Ctl.runtime(dir)).start()) {
            assertRefused(409, "Sandbox.AlreadyInitialized", post(d, "/init", "{}"), d);
            assertRefused(404, "UnknownOperationException", get(d, "/nope"), d);
            HttpResponse<String> wrongMethod = get(d, "/init");
            assertRefused(405, "MethodNotAllowedException", wrongMethod, d);
            assertEquals(Optional.of("POST"), wrongMethod.headers().firstValue("Allow"));
            assertRefused(405, "MethodNotAllowedException", post(d, "/health", null), d);
            assertRefused(405, "MethodNotAllowedException", d.control("DELETE", "/state", null), d);

            HttpResponse<String> field = post(d, "/init", "{\"memorySizeMb\":1}");
            assertRefused(400, "InvalidParameterValueException", field, d);
            assertTrue(Json.errorMessage(field.body()).startsWith("memorySizeMb: "),
                    field::body);
            assertRefused(400, "InvalidRequestContentException", post(d, "/reset", "{\"reason\":"), d);
            HttpResponse<String> deadline = post(d, "/shutdown", "{\"deadlineMs\":0}");
            assertRefused(400, "InvalidParameterValueException", deadline, d);
            assertTrue(Json.errorMessage(deadline.body()).startsWith("deadlineMs: "),
                    deadline::body);
            assertRefused(400, "InvalidParameterValueException", post(d, "/shutdown", "{\"deadline\":5}"), d);
            assertRefused(413, "RequestEntityTooLarge", post(d, "/reset", "{\"reason\":\"" + "x".repeat(300_000)
                    + "\"}"), d);

            assertTrue(d.isAlive(), d::describe);
            assertStatus(200, get(d, "/health"), d);
            assertStatus(200, d.invoke("{\"n\":1}"), d);
            assertEquals(1, Ctl.launches(dir), "no call reset the sandbox");
        }
    }

    private static HttpResponse<String> send(Daemon d, String path, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(d.controlUri(path)).POST(HttpRequest.BodyPublishers.ofString(
                "{\"n\":0}"));
        headers.forEach(b::header);
        try {
            return Daemon.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError(e + "\n" + d.describe(), e);
        }
    }
}
