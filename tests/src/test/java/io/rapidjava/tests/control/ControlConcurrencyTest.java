package io.rapidjava.tests.control;

import static io.rapidjava.tests.control.Ctl.assertRefused;
import static io.rapidjava.tests.control.Ctl.assertStatus;
import static io.rapidjava.tests.control.Ctl.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Calls that overlap a reset, held open by an extension that takes until a file appears to finish its SHUTDOWN:
 * a second reset is refused, a shutdown goes through, and no call hangs.
 */
@Timeout(90)
class ControlConcurrencyTest {

    private static Daemon slowToReset(Path dir) {
        Path ext = dir.resolve("extensions");
        Ctl.extension(ext, "slow", dir, "while [ ! -e \"$OUT/finish\" ]; do sleep 0.02; done");
        return Ctl.daemon(Ctl.runtime(dir)).flag("--extensions-dir", ext.toString())
                .flag("--shutdown-timeout-ms", "30000").start();
    }

    @Test
    void oneResetAtATime(@TempDir Path dir) throws Exception {
        try (Daemon d = slowToReset(dir)) {
            Ctl.awaitState(d, "READY");
            CompletableFuture<HttpResponse<String>> first = Ctl.postAsync(d, "/reset", null);
            Await.file(dir.resolve("slow.shutdown"), Ctl.WAIT, d::describe);
            assertRefused(409, "Sandbox.ResetInProgress", post(d, "/reset", null), d);
            assertRefused(409, "Sandbox.AlreadyInitialized", post(d, "/init", null), d);
            assertTrue(!first.isDone(), "the reset is answered once the generation has ended");
            Files.writeString(dir.resolve("finish"), "");
            assertStatus(200, Ctl.answer(d, first), d);
            Await.until(() -> Ctl.launches(dir) == 2, Ctl.WAIT, d::describe);
            assertStatus(200, d.invoke("{\"n\":1}"), d);
        }
    }

    @Test
    void aShutdownDuringAResetEndsBoth(@TempDir Path dir) throws Exception {
        try (Daemon d = slowToReset(dir)) {
            Ctl.awaitState(d, "READY");
            CompletableFuture<HttpResponse<String>> reset = Ctl.postAsync(d, "/reset", null);
            Await.file(dir.resolve("slow.shutdown"), Ctl.WAIT, d::describe);
            CompletableFuture<HttpResponse<String>> shutdown = Ctl.postAsync(d, "/shutdown", "{\"deadlineMs\":5000}");
            Await.until(() -> Ctl.get(d, "/health").statusCode() == 503, Ctl.WAIT, d::describe);
            Files.writeString(dir.resolve("finish"), "");
            assertStatus(200, Ctl.answer(d, shutdown), d);
            assertEquals(0, d.awaitExit(Duration.ofSeconds(10)), d::describe);
            try {
                int status = reset.get(10, TimeUnit.SECONDS).statusCode();
                assertTrue(status == 200 || status == 409, () -> "reset answered " + status);
            } catch (ExecutionException closed) {
                // the daemon exited before the reset's answer was written: answered by the exit, not left hanging
            }
            assertEquals(1, Ctl.launches(dir), "the reset did not initialise again");
        }
    }
}
