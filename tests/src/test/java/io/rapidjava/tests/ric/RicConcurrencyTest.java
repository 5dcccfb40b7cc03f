package io.rapidjava.tests.ric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.ric.handlers.ConcurrentHandler;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The concurrent mode with AWS's Java runtime interface client (the first line of it that reads
 * {@code AWS_LAMBDA_MAX_CONCURRENCY}, {@code ric.concurrent.version} in tests/pom.xml, unmodified): one JVM runs
 * N handler threads, each a worker long-polling {@code next}; N invokes are in the handler at once, N slow ones take
 * about the time of one, and answers that come back in reverse order each reach their own invoker.
 */
@Timeout(180)
class RicConcurrencyTest {

    private static final int N = 4;

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        Path script = RicRuntime.bootstrap(dir, RicRuntime.concurrentRicLib());
        Daemon.Builder builder = Daemon.builder().cleanLambdaEnv().flag("--max-concurrency", Integer.toString(N))
                .command(script.toString(), RicRuntime.handler(ConcurrentHandler.class)).workingDir(dir);
        daemon = builder.start();
        HttpResponse<String> warm = daemon.invoke("{\"name\":\"warm\"}");
        assertEquals(200, warm.statusCode(), () -> warm.body() + "\n" + daemon.describe());
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void oneJvmRunsTheHandlerOnNThreadsAtOnce() {
        List<JsonNode> answers = all(i -> "{\"name\":\"t" + i + "\",\"batch\":\"b\",\"together\":" + N + "}");
        Set<String> threads = new HashSet<>();
        for (int i = 0; i < N; i++) {
            JsonNode a = answers.get(i);
            assertEquals("t" + i, a.path("name").asText(), a::toString);
            assertTrue(a.path("met").asBoolean(), () -> "not all " + N + " in the handler at once: " + a);
            threads.add(a.path("thread").asText());
        }
        assertEquals(N, threads.size(), threads::toString);
        assertEquals(1, RicRuntime.ricPids(daemon).size(), daemon::describe);
    }

    @Test
    void nSlowInvokesTakeAboutTheTimeOfOne() {
        long t0 = System.nanoTime();
        List<JsonNode> answers = all(i -> "{\"name\":\"s" + i + "\",\"sleepMs\":2000}");
        double seconds = (System.nanoTime() - t0) / 1e9;
        for (int i = 0; i < N; i++) {
            assertEquals("s" + i, answers.get(i).path("name").asText());
        }
        // one after the other they would take 8 s
        assertTrue(seconds < 6, () -> N + " invokes of 2 s took " + seconds + " s\n" + daemon.describe());
    }

    @Test
    void answersInReverseOrderReachTheirOwnInvokers() {
        // the first sent sleeps longest: the handler threads answer last to first
        List<JsonNode> answers = all(i -> "{\"name\":\"r" + i + "\",\"sleepMs\":" + (N - i) * 400 + "}");
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < N; i++) {
            assertEquals("r" + i, answers.get(i).path("name").asText(), answers.get(i)::toString);
            ids.add(answers.get(i).path("awsRequestId").asText());
        }
        assertEquals(N, ids.size(), ids::toString);
    }

    private static List<JsonNode> all(java.util.function.IntFunction<String> event) {
        List<CompletableFuture<HttpResponse<String>>> sent = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            sent.add(Daemon.http().sendAsync(daemon.invokeRequest(HttpRequest.BodyPublishers.ofString(event.apply(i),
                    StandardCharsets.UTF_8), Map.of()), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
        }
        List<JsonNode> answers = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : sent) {
            HttpResponse<String> r;
            try {
                r = f.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("no answer: " + e + "\n" + daemon.describe(), e);
            }
            assertEquals(200, r.statusCode(), () -> r.body() + "\n" + daemon.describe());
            answers.add(Json.parse(r.body()));
        }
        return answers;
    }
}
