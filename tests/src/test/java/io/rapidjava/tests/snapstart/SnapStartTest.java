package io.rapidjava.tests.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SnapStart's restore phase with a bash runtime walking the restore calls: {@code restore/next} at the end of its
 * init (the snapshot point), its after-restore work, then {@code next}; the lines, the Restore Duration in the first
 * REPORT, the environment, and SnapStart off.
 */
@Timeout(60)
class SnapStartTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    /** A runtime that logs its steps to {@code calls}, and runs {@code afterRestore} once restored. */
    static Path bootstrap(Path dir, String afterRestore) {
        return bootstrap(dir, "", afterRestore);
    }

    /** ... and {@code beforeRestore} before it calls {@code restore/next}. */
    static Path bootstrap(Path dir, String beforeRestore, String afterRestore) {
        return Scripts.runtime(dir, "bootstrap", """
                env > "$HERE/env.tmp" && mv "$HERE/env.tmp" "$HERE/env.txt"
                log_line calls "init $AWS_LAMBDA_INITIALIZATION_TYPE"
                %s
                code="$(curl -sS -o "$HERE/restore.body" -w '%%{http_code}' "$API/runtime/restore/next")"
                log_line calls "restore/next $code"
                %s
                while next; do
                  log_line calls "invoke $REQUEST_ID"
                  respond '"ok"'
                done
                """.formatted(beforeRestore, afterRestore));
    }

    static Daemon start(Path dir, String afterRestore, UnaryOperator<Daemon.Builder> configure) {
        return configure.apply(Daemon.builder().cleanLambdaEnv().command(bootstrap(dir, afterRestore).toString()))
                .start();
    }

    static List<String> calls(Path dir, int n, Daemon d) {
        return Await.lines(dir.resolve("calls"), n, WAIT, d::describe);
    }

    @Test
    void theRestoreRunsBeforeTheFirstInvokeAndIsReportedOnce(@TempDir Path dir) throws Exception {
        try (Daemon d = start(dir, "", b -> b.flag("--snapstart"))) {
            String initReport = d.awaitStdout(l -> l.startsWith("INIT_REPORT"), WAIT);
            assertTrue(initReport.matches("INIT_REPORT Init Duration: \\d+\\.\\d\\d ms\tPhase: init\tStatus: success"),
                    initReport);
            // at the snapshot point the runtime waits in restore/next: nothing restores it before an invoke
            assertEquals(List.of("init snap-start"), calls(dir, 1, d));
            assertFalse(d.stdout().stream().anyMatch(l -> l.startsWith("RESTORE_START")), () -> d.describe());

            HttpResponse<String> first = d.invoke("{}");
            assertEquals(200, first.statusCode(), () -> first.body() + "\n" + d.describe());
            assertEquals("\"ok\"", first.body());
            List<String> steps = calls(dir, 3, d);
            assertEquals("restore/next 200", steps.get(1));
            assertEquals("", Files.readString(dir.resolve("restore.body")), "restore/next answers no body");
            assertTrue(steps.get(2).startsWith("invoke "), steps::toString);

            String report = d.awaitStdout(l -> l.startsWith("REPORT"), WAIT);
            List<String> out = d.stdout();
            int restoreStart = indexOf(out, "RESTORE_START");
            int restoreReport = indexOf(out, "RESTORE_REPORT");
            int start = indexOf(out, "START RequestId");
            assertTrue(indexOf(out, "INIT_REPORT") < restoreStart && restoreStart < restoreReport
                    && restoreReport < start, () -> "order of the lines:\n" + String.join("\n", out));
            assertTrue(out.get(restoreStart).matches("RESTORE_START Runtime Version: \\S+\tRuntime Version ARN: "
                    + "arn:aws:lambda:us-east-1::runtime:\\S+"), out.get(restoreStart));
            assertTrue(out.get(restoreReport).matches("RESTORE_REPORT Restore Duration: \\d+\\.\\d\\d ms"),
                    out.get(restoreReport));
            assertTrue(report.matches("REPORT RequestId: \\S+\tDuration: [\\d.]+ ms\tBilled Duration: \\d+ ms\t"
                    + "Memory Size: 3008 MB\tMax Memory Used: \\d+ MB\tRestore Duration: \\d+\\.\\d\\d ms\t"
                    + "Billed Restore Duration: \\d+ ms\t"), report);
            assertFalse(report.contains("Init Duration"), "SnapStart's Init Duration is in INIT_REPORT: " + report);

            HttpResponse<String> second = d.invoke("{}");
            assertEquals(200, second.statusCode(), second::body);
            List<String> reports = d.awaitStdoutCount(l -> l.startsWith("REPORT"), 2, WAIT);
            assertFalse(reports.get(1).contains("Restore Duration"), reports.get(1));
            assertEquals(1, d.stdout().stream().filter(l -> l.startsWith("RESTORE_START")).count());
        }
    }

    @Test
    void theFunctionTimeoutAndDurationCountFromTheRestoresEnd(@TempDir Path dir) {
        // after-restore hooks longer than the function timeout: Lambda restores before the invoke, within a limit
        // of the restore's own
        try (Daemon d = start(dir, "sleep 1.5", b -> b.flag("--snapstart").env("AWS_LAMBDA_FUNCTION_TIMEOUT", "1"))) {
            HttpResponse<String> r = d.invoke("{}");
            assertEquals(200, r.statusCode(), () -> r.body() + "\n" + d.describe());
            assertEquals("\"ok\"", r.body(), d::describe);
            String restore = d.awaitStdout(l -> l.startsWith("RESTORE_REPORT"), WAIT);
            double restoreMs = Double.parseDouble(restore.replaceAll(".*Restore Duration: ([\\d.]+) ms.*", "$1"));
            assertTrue(restoreMs >= 1500, restore);
            String report = d.awaitStdout(l -> l.startsWith("REPORT"), WAIT);
            double durationMs = Double.parseDouble(report.replaceAll(".*\tDuration: ([\\d.]+) ms.*", "$1"));
            assertTrue(durationMs < 1000, () -> "the restore is not in the invoke's Duration: " + report);
        }
    }

    @Test
    void lambdasVariableTurnsItOnAndTheRuntimeSeesSnapStartsEnvironment(@TempDir Path dir) {
        try (Daemon d = start(dir, "", b -> b.env("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")
                .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/mine"))) {
            assertEquals(200, d.invoke("{}").statusCode());
            String env = Await.read(dir.resolve("env.txt"));
            assertTrue(env.contains("AWS_LAMBDA_INITIALIZATION_TYPE=snap-start\n"), env);
            // as in Lambda: a SnapStart function is told no log group or stream
            assertFalse(env.contains("AWS_LAMBDA_LOG_GROUP_NAME="), env);
            assertFalse(env.contains("AWS_LAMBDA_LOG_STREAM_NAME="), env);
            d.awaitStdout(l -> l.startsWith("RESTORE_REPORT"), WAIT);
        }
    }

    @Test
    void aRuntimeThatSkipsRestoreNextIsRestoredAtOnce(@TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do respond '"plain"'; done
                """);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().command(bootstrap.toString()).flag("--snapstart").start()) {
            HttpResponse<String> r = d.invoke("{}");
            assertEquals(200, r.statusCode(), r::body);
            assertEquals("\"plain\"", r.body());
            String report = d.awaitStdout(l -> l.startsWith("REPORT"), WAIT);
            assertTrue(report.contains("\tRestore Duration: "), report);
            assertTrue(d.stdout().stream().anyMatch(l -> l.startsWith("RESTORE_REPORT Restore Duration: ")));
        }
    }

    @Test
    void theJsonLogFormatHasTheRestoreRecords(@TempDir Path dir) {
        try (Daemon d = start(dir, "", b -> b.flag("--snapstart", "--log-format", "JSON"))) {
            assertEquals(200, d.invoke("{}").statusCode());
            String report = d.awaitStdout(l -> l.contains("\"type\":\"platform.report\""), WAIT);
            var record = Json.parse(report).get("record");
            assertTrue(record.get("metrics").get("restoreDurationMs").isNumber(), report);
            assertFalse(record.get("metrics").has("initDurationMs"), report);
            var start = Json.parse(d.awaitStdout(l -> l.contains("\"type\":\"platform.restoreStart\""), WAIT));
            assertEquals("test_function", start.get("record").get("functionName").asText());
            var restoreReport = Json.parse(d.awaitStdout(l -> l.contains("\"type\":\"platform.restoreReport\""),
                    WAIT));
            assertEquals("success", restoreReport.get("record").get("status").asText());
            assertTrue(restoreReport.get("record").get("metrics").get("durationMs").isNumber());
            var initStart = Json.parse(d.awaitStdout(l -> l.contains("\"type\":\"platform.initStart\""), WAIT));
            assertEquals("snap-start", initStart.get("record").get("initializationType").asText());
        }
    }

    @Test
    void withoutSnapStartTheRestoreRoutesAreUnknown(@TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do respond '"plain"'; done
                """);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().command(bootstrap.toString()).start()) {
            assertEquals(200, d.invoke("{}").statusCode());
            assertEquals(404, d.runtimeApiRequest("GET", "/2018-06-01/runtime/restore/next", Map.of(), null)
                    .statusCode());
            assertEquals(404, d.runtimeApiRequest("POST", "/2018-06-01/runtime/restore/error", Map.of(), "{}")
                    .statusCode());
            assertFalse(d.stdout().stream().anyMatch(l -> l.startsWith("RESTORE_")));
            assertTrue(d.awaitStdout(l -> l.startsWith("REPORT"), WAIT).contains("Init Duration"));
        }
    }

    @Test
    void restoresAgainAsManyTimesAsAsked(@TempDir Path dir) {
        try (Daemon d = start(dir, "log_line restores \"$$\"", b -> b.flag("--snapstart", "--snapstart-restores",
                "2"))) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = d.invoke("{}");
                assertEquals(200, r.statusCode(), () -> r.body() + "\n" + d.describe());
            }
            List<String> reports = d.awaitStdoutCount(l -> l.startsWith("REPORT"), 3, WAIT);
            assertTrue(reports.get(0).contains("Restore Duration"), reports.get(0));
            assertTrue(reports.get(1).contains("Restore Duration"), reports.get(1));
            assertFalse(reports.get(2).contains("Restore Duration"), reports.get(2));
            List<String> restored = Await.lines(dir.resolve("restores"), 2, WAIT, d::describe);
            assertEquals(2, restored.size(), restored::toString);
            assertEquals(2, d.stdout().stream().filter(l -> l.startsWith("INIT_START")).count());
            assertEquals(2, d.stdout().stream().filter(l -> l.startsWith("RESTORE_START")).count());
        }
    }

    static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    static Optional<String> header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name);
    }
}
