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
import io.rapidjava.tests.support.Daemon;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /shutdown}: the shutdown sequence with the call's deadline, its summary, then exit code 0 (3 when a
 * process had to be killed past the deadline).
 */
@Timeout(90)
class ControlShutdownTest {

    @Test
    void theSummaryIsAnsweredThenTheDaemonExits0(@TempDir Path dir) {
        try (Daemon d = Ctl.daemon(Ctl.runtime(dir)).start()) {
            assertStatus(200, d.invoke("{\"n\":1}"), d);
            long runtime = Ctl.runtimePid(d, dir);
            HttpResponse<String> r = post(d, "/shutdown", "{\"deadlineMs\":1000}");
            assertStatus(200, r, d);
            JsonNode summary = json(r);
            assertEquals("spindown", summary.path("reason").asText(), r::body);
            assertTrue(summary.path("durationMs").asDouble() >= 0, r::body);
            Ctl.assertEnded(summary, "runtime", runtime);
            assertEquals(0, d.awaitExit(Duration.ofSeconds(10)), d::describe);
            Await.until(() -> Ctl.gone(runtime), Duration.ofSeconds(2), () -> "runtime " + runtime + " survived");
        }
    }

    @Test
    void aDaemonNeverBoundHasNothingToStop(@TempDir Path dir) {
        try (Daemon d = Ctl.deferred(Ctl.runtime(dir)).start()) {
            HttpResponse<String> r = post(d, "/shutdown", null);
            assertStatus(200, r, d);
            assertEquals("{\"reason\":\"spindown\",\"durationMs\":0.0,\"processes\":[]}\n", r.body());
            assertEquals(0, d.awaitExit(Duration.ofSeconds(10)), d::describe);
            assertEquals(0, Ctl.launches(dir));
        }
    }

    /**
     * An extension that ignores SHUTDOWN holds the sequence until the call's deadline (5 s, not the configured
     * 60 s); meanwhile only health and state are answered.
     */
    @Test
    void whileShuttingDownOnlyHealthAndStateAreAnswered(@TempDir Path dir) {
        Path ext = dir.resolve("extensions");
        Ctl.extension(ext, "stubborn", dir, "trap '' TERM; sleep 1000");
        try (Daemon d = Ctl.daemon(Ctl.runtime(dir)).flag("--extensions-dir", ext.toString())
                .flag("--shutdown-timeout-ms", "60000").start()) {
            Ctl.awaitState(d, "READY");
            long sent = System.nanoTime();
            CompletableFuture<HttpResponse<String>> shutdown = Ctl.postAsync(d, "/shutdown", "{\"deadlineMs\":5000}");
            Await.file(dir.resolve("stubborn.shutdown"), Ctl.WAIT, d::describe);

            HttpResponse<String> health = get(d, "/health");
            assertStatus(503, health, d);
            assertEquals("unavailable", json(health).path("status").asText(), health::body);
            assertTrue(json(health).path("reason").isTextual(), health::body);
            HttpResponse<String> state = get(d, "/state");
            assertStatus(200, state, d);
            assertEquals("SHUTTING_DOWN", json(state).path("state").asText(), state::body);
            for (String path : new String[] {"/init", "/invoke", "/reset", "/shutdown"}) {
                assertRefused(409, "Sandbox.ShuttingDown", post(d, path, "{}"), d);
            }

            assertStatus(200, Ctl.answer(d, shutdown), d);
            long tookMs = (System.nanoTime() - sent) / 1_000_000;
            assertTrue(tookMs < 30_000, () -> "the call's deadline, not the configured one: " + tookMs + " ms");
            // the extension was killed past the deadline
            assertEquals(3, d.awaitExit(Duration.ofSeconds(10)), d::describe);
        }
    }
}
