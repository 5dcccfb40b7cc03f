package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertStatus;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract item 10: concurrent invokes are queued and served one at a time; beyond
 * {@code --max-queued-invokes} (env {@code RAPID_MAX_QUEUED_INVOKES}) an invoke is rejected with 429
 * {@code TooManyRequestsException} and the daemon stays healthy.
 */
@Timeout(60)
class ConcurrencyTest {

    private static CompletableFuture<HttpResponse<String>> invokeAsync(Daemon d, String body) {
        HttpRequest req = d.invokeRequest(HttpRequest.BodyPublishers.ofString(body), Map.of());
        return Daemon.http().sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> join(CompletableFuture<HttpResponse<String>> f, Daemon d) {
        try {
            return f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("invoke did not complete: " + e + "\n" + d.describe(), e);
        }
    }

    @Test
    void fiveConcurrentInvokesAreServedOneAtATime(@TempDir Path dir) throws Exception {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  start="$(date +%s%N)"
                  sleep 0.2
                  end="$(date +%s%N)"
                  log_line spans.log "$start $end $EVENT"
                  respond "answer:$EVENT" "text/plain"
                done
                """);
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            List<CompletableFuture<HttpResponse<String>>> fs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                fs.add(invokeAsync(d, "e" + i));
            }
            for (int i = 0; i < 5; i++) {
                HttpResponse<String> r = join(fs.get(i), d);
                assertSuccess(r);
                assertEquals("answer:e" + i, r.body());
            }
            List<long[]> spans = new ArrayList<>();
            for (String l : Rt.loggedLines(d, dir.resolve("spans.log"), 5)) {
                String[] p = l.split(" ");
                spans.add(new long[] {Long.parseLong(p[0]), Long.parseLong(p[1])});
            }
            assertEquals(5, spans.size());
            spans.sort(Comparator.comparingLong(s -> s[0]));
            for (int i = 1; i < spans.size(); i++) {
                long prevEnd = spans.get(i - 1)[1];
                long start = spans.get(i)[0];
                int idx = i;
                assertTrue(start >= prevEnd, () -> "handler runs " + (idx - 1) + " and " + idx + " overlap: "
                        + Rt.loggedLines(d, dir.resolve("spans.log"), 5));
            }
        }
    }

    private static void queueLimit(Path dir, UnaryOperator<Daemon.Builder> configure) {
        // "block-TAG" events wait for the file release-TAG; the runtime records what it saw in seen.log
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line seen.log "$EVENT"
                  case "$EVENT" in
                    block-*) wait_for "release-${EVENT#block-}" ;;
                  esac
                  respond "answer:$EVENT" "text/plain"
                done
                """);
        try (Daemon d = configure.apply(Rt.daemon().command(bootstrap.toString())).start()) {
            CompletableFuture<HttpResponse<String>> first = invokeAsync(d, "block-1");
            Rt.loggedLines(d, dir.resolve("seen.log"), 1); // the first invoke is running
            CompletableFuture<HttpResponse<String>> second = invokeAsync(d, "q-2");
            CompletableFuture<HttpResponse<String>> third = invokeAsync(d, "q-3");
            // one of the two waits in the queue, the other is rejected at once (normally the third)
            join(CompletableFuture.anyOf(second, third).thenApply(o -> (HttpResponse<String>) null), d);
            CompletableFuture<HttpResponse<String>> rejectedF = third.isDone() ? third : second;
            CompletableFuture<HttpResponse<String>> queued = rejectedF == third ? second : third;
            HttpResponse<String> rejected = join(rejectedF, d);
            assertStatus(429, rejected);
            assertEquals("TooManyRequestsException", Json.errorType(rejected.body()), () -> "body " + rejected.body());
            assertFalse(queued.isDone(), () -> "the other invoke must wait in the queue, but it completed: "
                    + (queued.isCompletedExceptionally() ? "exceptionally" : queued.join().statusCode() + " "
                    + queued.join().body()));
            assertFalse(first.isDone(), "first invoke still running");

            try {
                Files.createFile(dir.resolve("release-1"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            HttpResponse<String> r1 = join(first, d);
            assertSuccess(r1);
            assertEquals("answer:block-1", r1.body());
            HttpResponse<String> rq = join(queued, d);
            assertSuccess(rq);
            assertTrue(rq.body().equals("answer:q-2") || rq.body().equals("answer:q-3"), () -> "body " + rq.body());

            HttpResponse<String> later = d.invoke("later");
            assertSuccess(later);
            assertEquals("answer:later", later.body());
        }
    }

    @Test
    void queueLimitFromFlagRejectsWith429(@TempDir Path dir) {
        queueLimit(dir, b -> b.flag("--max-queued-invokes", "1"));
    }

    @Test
    void queueLimitFromEnvRejectsWith429(@TempDir Path dir) {
        queueLimit(dir, b -> b.env("RAPID_MAX_QUEUED_INVOKES", "1"));
    }
}
