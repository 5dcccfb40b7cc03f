package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertStatus;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static io.rapidjava.tests.runtimeapi.Rt.header;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Dumps;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract item 11: the test plays the runtime over the Runtime API (the bootstrap only dumps its environment and
 * sleeps) and checks request-id validation, the runtime state machine's 403s, the response-mode header, 404/405
 * and ping. Invokes are sent from the background ({@code sendAsync}).
 */
@Timeout(60)
class RuntimeApiProtocolTest {

    static final String API = "/2018-06-01";
    static final String NOT_ALLOWED = "State transition is not allowed";

    private static Daemon start(Path dir) {
        Path bootstrap = Scripts.bash(dir, "bootstrap", """
                env > "$(dirname "$0")/.env.tmp" && mv -f "$(dirname "$0")/.env.tmp" "$(dirname "$0")/env.txt"
                exec sleep 1000
                """);
        return Rt.daemon().command(bootstrap.toString()).start();
    }

    private static HttpResponse<String> call(Daemon d, String method, String path, String body,
            Map<String, String> headers) {
        return d.runtimeApiRequest(method, path, headers, body);
    }

    private static HttpResponse<String> post(Daemon d, String path, String body, Map<String, String> headers) {
        return call(d, "POST", path, body, headers);
    }

    private static HttpResponse<String> respond(Daemon d, String id, String body, Map<String, String> headers) {
        return post(d, API + "/runtime/invocation/" + id + "/response", body, headers);
    }

    private static void assertApiError(HttpResponse<String> r, int status, String type, String message) {
        assertStatus(status, r);
        assertEquals(Json.runtimeApiError(type, message), r.body(), () -> r.request().method() + " " + r.uri());
        assertJsonContentType(r);
    }

    private static void assertAccepted(HttpResponse<String> r) {
        assertStatus(202, r);
        assertEquals(Json.STATUS_OK, r.body());
        assertJsonContentType(r);
    }

    private static void assertJsonContentType(HttpResponse<String> r) {
        String ct = header(r, "Content-Type").orElse("");
        assertTrue(ct.startsWith("application/json"), () -> "Content-Type <" + ct + "> of " + r.uri());
    }

    private static CompletableFuture<HttpResponse<String>> invokeAsync(Daemon d, String body) {
        return Daemon.http().sendAsync(d.invokeRequest(HttpRequest.BodyPublishers.ofString(body), Map.of()),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> join(CompletableFuture<HttpResponse<String>> f, Daemon d) {
        try {
            return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("invoke did not complete: " + e + "\n" + d.describe(), e);
        }
    }

    private static String invalidId() {
        return "Invalid request ID";
    }

    @Test
    void requestIdsAndStateTransitions(@TempDir Path dir) {
        try (Daemon d = start(dir)) {
            // before any next: unknown id
            assertApiError(respond(d, UUID.randomUUID().toString(), "x", Map.of()),
                    400, "InvalidRequestID", invalidId());

            String payload = "{\"hello\":\"protocol\"}";
            CompletableFuture<HttpResponse<String>> invoke1 = invokeAsync(d, payload);
            Map<String, String> env = Dumps.parseEnv(Await.file(dir.resolve("env.txt"), WAIT, d::describe));
            assertEquals(d.runtimeApi(), env.get("AWS_LAMBDA_RUNTIME_API"));

            HttpResponse<String> next = call(d, "GET", API + "/runtime/invocation/next", null, Map.of());
            assertStatus(200, next);
            assertEquals(payload, next.body());
            String x = header(next, "Lambda-Runtime-Aws-Request-Id").orElseThrow();
            Rt.assertUuid(x);
            assertEquals(Optional.of("application/json"), header(next, "Content-Type"));

            // Running for X
            assertApiError(respond(d, UUID.randomUUID().toString(), "wrong", Map.of()),
                    400, "InvalidRequestID", invalidId());
            assertApiError(post(d, API + "/runtime/init/error", "{}",
                            Map.of("Lambda-Runtime-Function-Error-Type", "Runtime.Late")),
                    403, "InvalidStateTransition",
                    "State transition from Running to InitError failed for runtime. Error: " + NOT_ALLOWED);
            assertFalse(invoke1.isDone(), "invoke answered before the runtime responded");

            assertAccepted(respond(d, x, "first-answer", Map.of("Content-Type", "text/plain")));
            // the invoker is answered as soon as the runtime responds (before the runtime's next `next`)
            HttpResponse<String> r1 = join(invoke1, d);
            assertSuccess(r1);
            assertEquals("first-answer", r1.body());

            assertApiError(respond(d, x, "again", Map.of()), 403, "InvalidStateTransition",
                    "State transition from RuntimeResponseSentState to InvocationResponse failed for runtime. Error: "
                            + NOT_ALLOWED);
            assertApiError(post(d, API + "/runtime/invocation/" + x + "/error", "{}",
                            Map.of("Lambda-Runtime-Function-Error-Type", "Function.Late")),
                    403, "InvalidStateTransition",
                    "State transition from RuntimeResponseSentState to InvocationErrorResponse failed for runtime. "
                            + "Error: " + NOT_ALLOWED);

            // second invoke
            CompletableFuture<HttpResponse<String>> invoke2 = invokeAsync(d, "{\"n\":2}");
            HttpResponse<String> next2 = call(d, "GET", API + "/runtime/invocation/next", null, Map.of());
            assertStatus(200, next2);
            assertEquals("{\"n\":2}", next2.body());
            String y = header(next2, "Lambda-Runtime-Aws-Request-Id").orElseThrow();
            Rt.assertUuid(y);
            assertNotEquals(x, y);

            // an id of a previous invoke
            assertApiError(respond(d, x, "stale", Map.of()), 400, "InvalidRequestID", invalidId());
            // bad response mode
            assertApiError(respond(d, y, "moded", Map.of("Lambda-Runtime-Function-Response-Mode", "bogus")),
                    400, "InvalidFunctionResponseMode", "Invalid function response mode");
            // finish the invoke (the bad mode may already have ended it with an error: status not asserted)
            respond(d, y, "second-answer", Map.of());
            assertStatus(200, join(invoke2, d));
        }
    }

    @Test
    void errorAfterNextIsAcceptedAndResponseAfterErrorIsRefused(@TempDir Path dir) {
        try (Daemon d = start(dir)) {
            CompletableFuture<HttpResponse<String>> invoke = invokeAsync(d, "{}");
            Await.file(dir.resolve("env.txt"), WAIT, d::describe);
            HttpResponse<String> next = call(d, "GET", API + "/runtime/invocation/next", null, Map.of());
            assertStatus(200, next);
            String x = header(next, "Lambda-Runtime-Aws-Request-Id").orElseThrow();
            String err = "{\"errorMessage\":\"e\",\"errorType\":\"Function.E\"}";
            assertApiError(post(d, API + "/runtime/invocation/" + UUID.randomUUID() + "/error", err,
                    Map.of("Lambda-Runtime-Function-Error-Type", "Function.E")), 400, "InvalidRequestID", invalidId());
            assertAccepted(post(d, API + "/runtime/invocation/" + x + "/error", err,
                    Map.of("Lambda-Runtime-Function-Error-Type", "Function.E")));
            HttpResponse<String> r = join(invoke, d);
            Rt.assertUnhandled(r);
            assertEquals(err, r.body());
            assertApiError(respond(d, x, "late", Map.of()), 403, "InvalidStateTransition",
                    "State transition from RuntimeResponseSentState to InvocationResponse failed for runtime. Error: "
                            + NOT_ALLOWED);
        }
    }

    @Test
    void unknownPathsWrongMethodsAndPing(@TempDir Path dir) {
        try (Daemon d = start(dir)) {
            HttpResponse<String> ping = call(d, "GET", API + "/ping", null, Map.of());
            HttpResponse<String> unknown = call(d, "GET", API + "/runtime/nonexistent", null, Map.of());
            HttpResponse<String> unknownRoot = call(d, "GET", "/nothing/here", null, Map.of());
            HttpResponse<String> deleteNext = call(d, "DELETE", API + "/runtime/invocation/next", null, Map.of());
            HttpResponse<String> postNext = call(d, "POST", API + "/runtime/invocation/next", "", Map.of());
            HttpResponse<String> getResponse = call(d, "GET",
                    API + "/runtime/invocation/" + UUID.randomUUID() + "/response", null, Map.of());
            assertAll(
                    () -> assertStatus(200, ping),
                    () -> assertEquals("pong", ping.body()),
                    () -> assertStatus(404, unknown),
                    () -> assertEquals("404 page not found\n", unknown.body()),
                    () -> assertStatus(404, unknownRoot),
                    () -> assertEquals("404 page not found\n", unknownRoot.body()),
                    () -> assertStatus(405, deleteNext),
                    () -> assertStatus(405, postNext),
                    () -> assertStatus(405, getResponse));
        }
    }
}
