package io.rapidjava.rapid.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidjava.interop.SandboxRefusal;
import io.rapidjava.interop.ShutdownSummary;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The control API's wire: each call's answer and each refusal, against a fake host over real HTTP (JDK client). */
class ControlApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Vertx vertx;
    private HttpServer server;
    private HttpClient client;
    private Fakes.Host host;

    record Answer(int status, HttpHeaders headers, String body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        JsonNode json() throws Exception {
            return JSON.readTree(body);
        }

        String errorType() throws Exception {
            return json().path("errorType").asText(null);
        }
    }

    private void start(boolean deferred) throws Exception {
        vertx = Vertx.vertx();
        host = new Fakes.Host(deferred);
        server = vertx.createHttpServer()
                .requestHandler(ControlApi.router(vertx, host, ctx -> ctx.response().end("invoked"),
                        Duration.ofMillis(2000)))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private CompletableFuture<Answer> send(HttpMethod method, String path, String body, String contentType) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                .method(method.name(), body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> new Answer(r.statusCode(), r.headers(), r.body()));
    }

    private Answer call(HttpMethod method, String path, String body) throws Exception {
        return send(method, path, body, null).get(10, TimeUnit.SECONDS);
    }

    private static void assertRefused(Answer a, int status, String errorType) throws Exception {
        assertEquals(status, a.status(), a::toString);
        assertEquals("application/json", a.header("Content-Type"));
        assertEquals(errorType, a.errorType(), a::toString);
        assertEquals(errorType, a.header("X-Amzn-ErrorType"));
        assertTrue(a.json().path("errorMessage").isTextual(), a::toString);
    }

    @Test
    void healthSaysWhetherTheDaemonCanTakeWork() throws Exception {
        start(false);
        Answer ok = call(HttpMethod.GET, "/health", null);
        assertEquals(200, ok.status());
        assertEquals("{\"status\":\"ok\"}\n", ok.body());
        host.unavailable = "shutting down";
        Answer down = call(HttpMethod.GET, "/health", null);
        assertEquals(503, down.status());
        assertEquals("{\"status\":\"unavailable\",\"reason\":\"shutting down\"}\n", down.body());
    }

    @Test
    void stateIsTheSandboxStatus() throws Exception {
        start(false);
        JsonNode s = call(HttpMethod.GET, "/state", null).json();
        assertEquals("READY", s.path("state").asText());
        assertEquals(2, s.path("generation").asInt());
        assertEquals("Ready", s.path("runtimeState").asText());
        assertEquals("ext", s.path("extensions").path(0).path("name").asText());
        assertEquals("INVOKE", s.path("extensions").path(0).path("events").path(0).asText());
        assertEquals(1, s.path("queued").asInt());
        assertEquals(150.5, s.path("initDurationMs").asDouble());
        assertEquals("2026-01-02T03:04:05.123456Z", s.path("lastError").path("time").asText());
        assertEquals(5, s.path("counters").path("invokes").asInt());
        assertEquals(1, s.path("counters").path("initFailures").asInt());
    }

    @Test
    void deferredInitBindsOnceAndIsAnsweredWithItsReport() throws Exception {
        start(true);
        JsonNode before = call(HttpMethod.GET, "/state", null).json();
        assertEquals("UNINITIALIZED", before.path("state").asText());
        assertRefused(call(HttpMethod.POST, "/invoke", "{}"), 409, "Sandbox.NotInitialized");
        assertRefused(call(HttpMethod.POST, "/reset", null), 409, "Sandbox.NotInitialized");

        // curl -d sends a form's Content-Type: the body is JSON all the same
        CompletableFuture<Answer> first = send(HttpMethod.POST, "/init",
                "{\"name\":\"fn-a\",\"environment\":{\"GREETING\":\"hi\"}}", "application/x-www-form-urlencoded");
        awaitTrue(() -> host.lastInit != null);
        assertEquals("fn-a", host.lastInit.name());
        assertRefused(call(HttpMethod.POST, "/init", "{}"), 409, "Sandbox.AlreadyInitialized");
        assertRefused(call(HttpMethod.POST, "/reset", null), 409, "Sandbox.InitInProgress");
        assertFalse(first.isDone(), "answered once the init is done");
        host.init.complete(Fakes.report("success", null));
        Answer a = first.get(10, TimeUnit.SECONDS);
        assertEquals(200, a.status());
        assertEquals("success", a.json().path("status").asText());
        assertEquals(12.5, a.json().path("durationMs").asDouble());
        assertRefused(call(HttpMethod.POST, "/init", "{}"), 409, "Sandbox.AlreadyInitialized");
        assertEquals("invoked", call(HttpMethod.POST, "/invoke", "{}").body());
    }

    @Test
    void aFailedInitIsA502WithItsReport() throws Exception {
        start(true);
        host.init.complete(Fakes.report("error", "Runtime.ExitError"));
        Answer a = call(HttpMethod.POST, "/init", null);
        assertEquals(502, a.status(), a::toString);
        assertEquals("Runtime.ExitError", a.json().path("errorType").asText());
    }

    @Test
    void initRefusalsAndBadBodies() throws Exception {
        start(false);
        assertRefused(call(HttpMethod.POST, "/init", "{}"), 409, "Sandbox.AlreadyInitialized");
        Answer bad = call(HttpMethod.POST, "/init", "{\"memorySizeMb\":64}");
        assertRefused(bad, 400, "InvalidParameterValueException");
        assertEquals("memorySizeMb: must be between 128 and 10240", bad.json().path("errorMessage").asText());
        assertRefused(call(HttpMethod.POST, "/init", "{"), 400, "InvalidRequestContentException");
        assertRefused(call(HttpMethod.POST, "/init", "x".repeat(RequestBody.MAX_BYTES + 1)), 413,
                "RequestEntityTooLarge");
    }

    @Test
    void oneResetAtATimeAnsweredWithItsSummary() throws Exception {
        start(false);
        CompletableFuture<Answer> first = send(HttpMethod.POST, "/reset", "{\"reason\":\"failure\"}", null);
        assertEquals("failure", host.sandbox.resetReason.get(10, TimeUnit.SECONDS));
        assertRefused(call(HttpMethod.POST, "/reset", null), 409, "Sandbox.ResetInProgress");
        host.sandbox.reset.complete(Fakes.summary("failure"));
        JsonNode summary = first.get(10, TimeUnit.SECONDS).json();
        assertEquals("failure", summary.path("reason").asText());
        assertEquals(9, summary.path("processes").path(0).path("signal").asInt());
        assertFalse(summary.path("processes").path(0).has("code"), "a killed process has no exit code");
        assertEquals(0, summary.path("processes").path(1).path("code").asInt());
        assertRefused(call(HttpMethod.POST, "/reset", "{\"reason\":\"bored\"}"), 400, "InvalidParameterValueException");
    }

    @Test
    void shutdownIsAnsweredWithItsSummaryThenTheDaemonExits() throws Exception {
        start(false);
        CompletableFuture<Answer> answer = send(HttpMethod.POST, "/shutdown", "{\"deadlineMs\":1500}", null);
        assertEquals(Duration.ofMillis(1500), host.sandbox.shutdownAsked.get(10, TimeUnit.SECONDS).deadline());
        assertRefused(call(HttpMethod.POST, "/reset", null), 409, "Sandbox.ShuttingDown");
        assertRefused(call(HttpMethod.POST, "/invoke", "{}"), 409, "Sandbox.ShuttingDown");
        assertRefused(call(HttpMethod.POST, "/shutdown", null), 409, "Sandbox.ShuttingDown");
        assertEquals(503, call(HttpMethod.GET, "/health", null).status());
        assertEquals(200, call(HttpMethod.GET, "/state", null).status());
        assertFalse(host.exited.isDone());
        ShutdownSummary summary = Fakes.summary("spindown");
        host.sandbox.shutdown.complete(summary);
        assertEquals(200, answer.get(10, TimeUnit.SECONDS).status());
        assertEquals(summary, host.exited.get(10, TimeUnit.SECONDS));
    }

    @Test
    void shutdownOfADaemonNeverBoundHasNothingToStop() throws Exception {
        start(true);
        Answer a = call(HttpMethod.POST, "/shutdown", null);
        assertEquals("{\"reason\":\"spindown\",\"durationMs\":0.0,\"processes\":[]}\n", a.body());
        assertEquals(List.of(), host.exited.get(10, TimeUnit.SECONDS).processes());
    }

    @Test
    void theSandboxsRefusalIsA409AndABugOfOursThe500() throws Exception {
        start(false);
        host.sandbox.reset.completeExceptionally(new SandboxRefusal("Sandbox.ShuttingDown", "stopping"));
        assertRefused(call(HttpMethod.POST, "/reset", null), 409, "Sandbox.ShuttingDown");
        host.sandbox.status = CompletableFuture.failedFuture(new IllegalStateException("bug"));
        assertRefused(call(HttpMethod.GET, "/state", null), 500, "InternalServerError");
        host.sandbox.reset = new CompletableFuture<>();
        CompletableFuture<Answer> reset = send(HttpMethod.POST, "/reset", null, null);
        host.sandbox.reset.complete(Fakes.summary("spindown"));
        assertEquals(200, reset.get(10, TimeUnit.SECONDS).status(), "the refused reset left no reset running");
    }

    @Test
    void unknownPathsAndWrongMethodsAreJson() throws Exception {
        start(false);
        assertRefused(call(HttpMethod.GET, "/nope", null), 404, "UnknownOperationException");
        Answer wrong = call(HttpMethod.GET, "/init", null);
        assertRefused(wrong, 405, "MethodNotAllowedException");
        assertEquals("POST", wrong.header("Allow"));
        assertRefused(call(HttpMethod.DELETE, "/health", null), 405, "MethodNotAllowedException");
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }
}
