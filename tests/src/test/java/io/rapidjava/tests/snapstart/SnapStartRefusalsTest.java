package io.rapidjava.tests.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal of the state table (spec §2.1) that SnapStart adds, made on the real Runtime API in each state
 * the runtime can be in around a restore: {@code 403 InvalidStateTransition} with Lambda's body, and the state left
 * as it was (the restore goes on as if nothing had been asked).
 */
@Timeout(60)
class SnapStartRefusalsTest {

    private static final String API = "/2018-06-01/runtime";
    private static final Map<String, String> ERROR_TYPE = Map.of("Lambda-Runtime-Function-Error-Type",
            "Runtime.Boom");

    private static void assertRefused(Daemon d, String method, String path, String from, String to) {
        HttpResponse<String> r = d.runtimeApiRequest(method, API + path, ERROR_TYPE, method.equals("GET") ? null
                : "{}");
        assertEquals(403, r.statusCode(), () -> method + " " + path + " in " + from + ": " + r.body());
        assertEquals(Json.runtimeApiError("InvalidStateTransition", "State transition from " + from + " to " + to
                + " failed for runtime. Error: State transition is not allowed"), r.body(), method + " " + path);
    }

    @Test
    void refusalsAroundTheRestore(@TempDir Path dir) throws Exception {
        // the runtime holds its restore until the test has probed the Restoring state
        Path bootstrap = SnapStartTest.bootstrap(dir, "wait_for snapshot", "wait_for go");
        try (Daemon d = Daemon.builder().cleanLambdaEnv().command(bootstrap.toString()).flag("--snapstart").start()) {
            SnapStartTest.calls(dir, 1, d);
            // Started: only restore/next, next and init/error are the runtime's to call
            assertRefused(d, "POST", "/restore/error", "Started", "RuntimeRestoreErrorState");
            Files.writeString(dir.resolve("snapshot"), "");

            d.awaitStdout(l -> l.startsWith("INIT_REPORT"), SnapStartTest.WAIT);
            // RestoreReady: the runtime waits in restore/next; nothing else is allowed
            assertRefused(d, "GET", "/invocation/next", "RestoreReady", "Ready");
            assertRefused(d, "GET", "/restore/next", "RestoreReady", "Ready");
            assertRefused(d, "POST", "/init/error", "RestoreReady", "InitError");
            assertRefused(d, "POST", "/restore/error", "RestoreReady", "RuntimeRestoreErrorState");
            assertEquals(400, d.runtimeApiRequest("POST", API + "/invocation/some-id/response", Map.of(), "{}")
                    .statusCode(), "no invoke: the request id is checked first");

            CompletableFuture<HttpResponse<String>> invoke = CompletableFuture.supplyAsync(() -> d.invoke("{}"));
            SnapStartTest.calls(dir, 2, d);
            // Restoring: next, init/error and restore/error are allowed; restore/next is not
            assertRefused(d, "GET", "/restore/next", "Restoring", "Ready");
            assertEquals(400, d.runtimeApiRequest("POST", API + "/invocation/some-id/error", ERROR_TYPE, "{}")
                    .statusCode());

            Files.writeString(dir.resolve("go"), "");
            HttpResponse<String> r = invoke.get();
            assertEquals(200, r.statusCode(), () -> r.body() + "\n" + d.describe());
            Await.lines(dir.resolve("calls"), 3, SnapStartTest.WAIT, d::describe);
            d.awaitStdout(l -> l.startsWith("REPORT"), SnapStartTest.WAIT);
            // restored, the runtime waits in next: the restore calls are over
            assertRefused(d, "GET", "/restore/next", "Ready", "Ready");
            assertRefused(d, "POST", "/restore/error", "Ready", "RuntimeRestoreErrorState");
            assertEquals(200, d.invoke("{}").statusCode(), "the refusals changed nothing");
        }
    }

    @Test
    void afterARestoreErrorEverythingIsRefused(@TempDir Path dir) throws Exception {
        try (Daemon d = SnapStartTest.start(dir, "wait_for never", b -> b.flag("--snapstart"))) {
            CompletableFuture<HttpResponse<String>> invoke = CompletableFuture.supplyAsync(() -> d.invoke("{}"));
            SnapStartTest.calls(dir, 2, d);
            HttpResponse<String> accepted = d.runtimeApiRequest("POST", API + "/restore/error", ERROR_TYPE,
                    "{\"errorMessage\":\"hook threw\"}");
            assertEquals(202, accepted.statusCode(), accepted::body);
            assertEquals("{\"status\":\"OK\"}\n", accepted.body());
            assertEquals(400, invoke.get().statusCode());
            String from = "RuntimeRestoreErrorState";
            assertRefused(d, "GET", "/invocation/next", from, "Ready");
            assertRefused(d, "GET", "/restore/next", from, "Ready");
            assertRefused(d, "POST", "/init/error", from, "InitError");
            assertRefused(d, "POST", "/restore/error", from, "RuntimeRestoreErrorState");
        }
    }
}
