package io.rapidjava.tests.concurrency;

import static io.rapidjava.tests.concurrency.Workers.assertAnswered;
import static io.rapidjava.tests.concurrency.Workers.await;
import static io.rapidjava.tests.concurrency.Workers.invokeAsync;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The concurrent mode with a bash runtime of N background workers ({@link Workers}): N invokes run at once, each
 * answer goes to its own invoker whatever the order the workers answer in, a timeout ends one invoke alone, a crash
 * fails every invoke in flight and the sandbox initialises again, and past N in flight and the queue's bound an
 * invoke is refused with 429.
 */
@Timeout(120)
class ConcurrentInvokesTest {

    @Test
    void theRuntimeIsLaunchedOnceWithTheWorkerCount(@TempDir Path dir) {
        try (Daemon d = Workers.daemon(dir, 3).start()) {
            assertAnswered("ping", d.invoke("ping"));
            List<String> runtime = Await.lines(dir.resolve("runtime.log"), 1, Workers.WAIT, d::describe);
            assertEquals(1, runtime.size(), d::describe);
            assertTrue(runtime.getFirst().endsWith(" 3 lambda-managed-instances"), runtime::toString);
            Await.lines(dir.resolve("pids.log"), 3, Workers.WAIT, d::describe);
            assertTrue(d.stderr().stream().anyMatch(l -> l.contains("INIT START(type: lambda-managed-instances")),
                    d::describe);
        }
    }

    @Test
    void nSlowInvokesTakeAboutTheTimeOfOne(@TempDir Path dir) {
        int n = 4;
        try (Daemon d = Workers.daemon(dir, n).start()) {
            assertAnswered("warm", d.invoke("warm"));
            Await.lines(dir.resolve("pids.log"), n, Workers.WAIT, d::describe);
            long t0 = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(invokeAsync(d, "sleep-2-s" + i));
            }
            for (int i = 0; i < n; i++) {
                assertAnswered("s" + i, await(answers.get(i)));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            // one after the other they would take 8 s
            assertTrue(seconds < 6, () -> n + " invokes of 2 s took " + seconds + " s\n" + d.describe());
        }
    }

    @Test
    void answersInReverseOrderReachTheirOwnInvokers(@TempDir Path dir) {
        int n = 4;
        try (Daemon d = Workers.daemon(dir, n).start()) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                answers.add(invokeAsync(d, "hold-" + i));
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                // all N are with a worker at once: none has been answered yet
                ids.add(Await.file(dir.resolve("got-hold-" + i), Workers.WAIT, d::describe));
            }
            for (int i = n - 1; i >= 0; i--) {
                touch(dir.resolve("release-hold-" + i));
                HttpResponse<String> r = await(answers.get(i));
                assertAnswered(Integer.toString(i), r);
                for (int j = 0; j < i; j++) {
                    assertFalse(answers.get(j).isDone(), "invoke " + j + " answered before its worker did");
                }
            }
            Workers.assertPlatformLines(d, ids);
        }
    }

    @Test
    void theFirstAnswerWinsAndLaterOnesOrUnknownIdsAreRefused(@TempDir Path dir) {
        try (Daemon d = Workers.daemon(dir, 2).start()) {
            assertAnswered("first", d.invoke("twice"));
            assertEquals("202", Await.file(dir.resolve("twice-1.status"), Workers.WAIT, d::describe));
            String invalid = Json.runtimeApiError("InvalidRequestID", "Invalid request ID");
            for (int i = 2; i <= 4; i++) {
                assertEquals("400", Await.file(dir.resolve("twice-" + i + ".status"), Workers.WAIT, d::describe));
                assertEquals(invalid, Await.read(dir.resolve("twice-" + i + ".body")), "reply " + i);
            }
            assertAnswered("after", d.invoke("after"));
        }
    }

    @Test
    void aTimeoutEndsThatInvokeAloneAndItsLateAnswerGets410(@TempDir Path dir) throws Exception {
        try (Daemon d = Workers.daemon(dir, 3).env("AWS_LAMBDA_FUNCTION_TIMEOUT", "3").start()) {
            CompletableFuture<HttpResponse<String>> slow = invokeAsync(d, "sleep-6-slow");
            String slowId = Await.file(dir.resolve("got-sleep-6-slow"), Workers.WAIT, d::describe);
            long slowStarted = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                assertAnswered("quick" + i, d.invoke("quick" + i));
            }
            // an invoke that starts 1.5 s after the slow one still runs when that one times out (not a wait for an
            // event: the offset makes the two deadlines 1.5 s apart)
            Thread.sleep(Math.max(0, 1500 - (System.nanoTime() - slowStarted) / 1_000_000));
            CompletableFuture<HttpResponse<String>> held = invokeAsync(d, "hold-h");
            Await.file(dir.resolve("got-hold-h"), Workers.WAIT, d::describe);
            HttpResponse<String> timedOut = await(slow);
            assertEquals(200, timedOut.statusCode());
            assertEquals("Unhandled", timedOut.headers().firstValue("X-Amz-Function-Error").orElse(null));
            Json.assertErrorBody(timedOut.body(), "Sandbox.Timedout",
                    "RequestId: " + slowId + " Error: Task timed out after 3.00 seconds");
            touch(dir.resolve("release-hold-h"));
            assertAnswered("h", await(held));
            assertTrue(d.awaitStdout(l -> l.startsWith("REPORT RequestId: " + slowId), Workers.WAIT)
                    .contains("Status: timeout"), d::describe);
            assertEquals("410", Await.file(dir.resolve("late-slow.status"), Workers.WAIT, d::describe));
            assertEquals(Json.runtimeApiError("InvokeTimeout", "Invoke timeout"), Await.read(dir.resolve("late-slow.body")));
            // all three workers take invokes again: the sandbox was not reset
            List<CompletableFuture<HttpResponse<String>>> after = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                after.add(invokeAsync(d, "hold-after" + i));
            }
            for (int i = 0; i < 3; i++) {
                Await.file(dir.resolve("got-hold-after" + i), Workers.WAIT, d::describe);
            }
            for (int i = 0; i < 3; i++) {
                touch(dir.resolve("release-hold-after" + i));
                assertAnswered("after" + i, await(after.get(i)));
            }
            assertEquals(1, Await.read(dir.resolve("runtime.log")).lines().count(), d::describe);
            assertFalse(d.stderr().stream().anyMatch(l -> l.contains("Reset initiated")), d::describe);
        }
    }

    @Test
    void aCrashFailsEveryInvokeInFlightAndTheSandboxInitialisesAgain(@TempDir Path dir) {
        try (Daemon d = Workers.daemon(dir, 3).start()) {
            CompletableFuture<HttpResponse<String>> a = invokeAsync(d, "hold-a");
            CompletableFuture<HttpResponse<String>> b = invokeAsync(d, "hold-b");
            CompletableFuture<HttpResponse<String>> crash = invokeAsync(d, "crash");
            Await.file(dir.resolve("got-hold-a"), Workers.WAIT, d::describe);
            Await.file(dir.resolve("got-hold-b"), Workers.WAIT, d::describe);
            Await.file(dir.resolve("got-crash"), Workers.WAIT, d::describe);
            touch(dir.resolve("release-crash"));
            for (CompletableFuture<HttpResponse<String>> f : List.of(a, b, crash)) {
                HttpResponse<String> r = await(f);
                assertEquals(200, r.statusCode());
                assertEquals("Unhandled", r.headers().firstValue("X-Amz-Function-Error").orElse(null), r::body);
                assertEquals("Runtime.ExitError", Json.errorType(r.body()), r::body);
            }
            // the next invoke initialises a new runtime (the released files make its holds pass at once)
            assertAnswered("again", d.invoke("again"));
            assertEquals(2, Await.read(dir.resolve("runtime.log")).lines().count(), d::describe);
        }
    }

    @Test
    void pastNInFlightAndTheQueueAnInvokeIsRefused(@TempDir Path dir) throws Exception {
        try (Daemon d = Workers.daemon(dir, 2).flag("--max-queued-invokes", "2")
                .flag("--control-address", "127.0.0.1:0").start()) {
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                answers.add(invokeAsync(d, "hold-" + i));
            }
            for (int i = 0; i < 2; i++) {
                Await.file(dir.resolve("got-hold-" + i), Workers.WAIT, d::describe);
            }
            for (int i = 2; i < 4; i++) {
                answers.add(invokeAsync(d, "q" + i));
            }
            Await.until(() -> Json.parse(d.control("GET", "/state", null).body()).path("queued").asInt() == 2,
                    Workers.WAIT, d::describe);
            HttpResponse<String> refused = d.invoke("one-too-many");
            assertEquals(429, refused.statusCode(), refused::body);
            assertEquals("TooManyRequestsException", Json.errorType(refused.body()), refused::body);
            touch(dir.resolve("release-hold-0"));
            touch(dir.resolve("release-hold-1"));
            assertAnswered("0", await(answers.get(0)));
            assertAnswered("1", await(answers.get(1)));
            assertAnswered("q2", await(answers.get(2)));
            assertAnswered("q3", await(answers.get(3)));
        }
    }

    private static void touch(Path file) {
        try {
            Files.writeString(file, "");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
