package io.rapidjava.tests.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restore that fails: the runtime's {@code restore/error} (or {@code init/error} while restoring), a runtime that
 * exits while restoring, and one that outlives the restore timeout. The invoke is refused as Lambda's Invoke refuses
 * it, the function never sees it (no START), and the next invoke initialises and restores again.
 */
@Timeout(60)
class SnapStartFailuresTest {

    /** After-restore work that fails the first generation's restore with {@code failure}, and succeeds after. */
    private static String failOnce(String failure) {
        return """
                if [ ! -e "$HERE/failed-once" ]; then
                  : > "$HERE/failed-once"
                  %s
                  wait_for never
                fi
                """.formatted(failure);
    }

    private static void assertSecondInvokeInitialisesAgain(Daemon d) {
        HttpResponse<String> again = d.invoke("{}");
        assertEquals(200, again.statusCode(), () -> again.body() + "\n" + d.describe());
        assertEquals("\"ok\"", again.body());
        assertEquals(2, d.awaitStdoutCount(l -> l.startsWith("INIT_START"), 2, SnapStartTest.WAIT).size());
        assertTrue(d.awaitStdout(l -> l.startsWith("REPORT"), SnapStartTest.WAIT).contains("Restore Duration"));
    }

    private static void assertSnapStartException(HttpResponse<String> r, String runtimeType, Daemon d) {
        assertEquals(400, r.statusCode(), () -> r.body() + "\n" + d.describe());
        assertEquals(Optional.of("SnapStartException"), r.headers().firstValue("X-Amzn-ErrorType"));
        assertEquals("SnapStartException", Json.errorType(r.body()), r.body());
        assertTrue(Json.errorMessage(r.body()).contains(runtimeType), r.body());
        assertTrue(r.headers().firstValue("X-Amz-Function-Error").isEmpty(), "the function never ran");
    }

    @Test
    void aRestoreErrorRefusesTheInvokeWithTheRuntimesErrorType(@TempDir Path dir) {
        String fail = """
                api_post runtime/restore/error -H "Lambda-Runtime-Function-Error-Type: Runtime.AfterRestoreError" \\
                  < <(printf '{"errorMessage":"no connection","errorType":"Runtime.AfterRestoreError"}')
                """;
        try (Daemon d = SnapStartTest.start(dir, failOnce(fail), b -> b.flag("--snapstart"))) {
            HttpResponse<String> r = d.invoke("{}");
            assertSnapStartException(r, "Runtime.AfterRestoreError", d);
            String report = d.awaitStdout(l -> l.startsWith("RESTORE_REPORT"), SnapStartTest.WAIT);
            assertTrue(report.matches("RESTORE_REPORT Restore Duration: [\\d.]+ ms\tStatus: error\t"
                    + "Error Type: Runtime.AfterRestoreError"), report);
            List<String> out = d.stdout();
            assertFalse(out.stream().anyMatch(l -> l.startsWith("START") || l.startsWith("REPORT")),
                    () -> "the function never got the invoke:\n" + String.join("\n", out));
            assertSecondInvokeInitialisesAgain(d);
        }
    }

    @Test
    void anInitErrorWhileRestoringIsTheRestoresError(@TempDir Path dir) {
        String fail = """
                init_error Runtime.CracError '{"errorMessage":"hook threw","errorType":"Runtime.CracError"}'
                """;
        try (Daemon d = SnapStartTest.start(dir, failOnce(fail), b -> b.flag("--snapstart"))) {
            assertSnapStartException(d.invoke("{}"), "Runtime.CracError", d);
            assertTrue(d.awaitStdout(l -> l.startsWith("RESTORE_REPORT"), SnapStartTest.WAIT)
                    .endsWith("Status: error\tError Type: Runtime.CracError"));
            assertSecondInvokeInitialisesAgain(d);
        }
    }

    @Test
    void aRuntimeThatExitsWhileRestoringFailsTheRestore(@TempDir Path dir) {
        try (Daemon d = SnapStartTest.start(dir, failOnce("exit 3"), b -> b.flag("--snapstart"))) {
            assertSnapStartException(d.invoke("{}"), "Runtime.ExitError", d);
            assertSecondInvokeInitialisesAgain(d);
        }
    }

    @Test
    void aRestoreThatOutlivesItsTimeoutIsRefusedWithSnapStartTimeoutException(@TempDir Path dir) {
        try (Daemon d = SnapStartTest.start(dir, failOnce(":"), b -> b.flag("--snapstart",
                "--restore-timeout-ms", "500"))) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = d.invoke("{}");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(408, r.statusCode(), () -> r.body() + "\n" + d.describe());
            assertEquals(Optional.of("SnapStartTimeoutException"), r.headers().firstValue("X-Amzn-ErrorType"));
            assertEquals("SnapStartTimeoutException", Json.errorType(r.body()), r.body());
            assertTrue(ms >= 500 && ms < 8000, () -> "answered after " + ms + " ms");
            String report = d.awaitStdout(l -> l.startsWith("RESTORE_REPORT"), SnapStartTest.WAIT);
            assertTrue(report.endsWith("\tStatus: timeout"), report);
            assertSecondInvokeInitialisesAgain(d);
        }
    }

    @Test
    void theRestoreTimeoutFromTheEnvironment(@TempDir Path dir) {
        try (Daemon d = SnapStartTest.start(dir, failOnce(":"), b -> b.flag("--snapstart")
                .env("RAPID_RESTORE_TIMEOUT_MS", "300"))) {
            assertEquals(408, d.invoke("{}").statusCode());
        }
    }
}
