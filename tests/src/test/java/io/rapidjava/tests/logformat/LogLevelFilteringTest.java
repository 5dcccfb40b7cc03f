package io.rapidjava.tests.logformat;

import static io.rapidjava.tests.logformat.JsonStream.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log-level filtering as AWS documents it: function records below {@code AWS_LAMBDA_LOG_LEVEL} (by their
 * {@code "level"}; plain lines are INFO) and platform records below the system log level are left out.
 */
@Timeout(60)
class LogLevelFilteringTest {

    /** A runtime that logs a JSON record at each of DEBUG, INFO and ERROR and a plain line, then answers. */
    private static Path leveledRuntime(Path dir) {
        return Scripts.runtime(dir, "bootstrap", """
                while next; do
                  for level in DEBUG INFO ERROR; do
                    printf '{"timestamp":"%s","level":"%s","message":"at %s"}\\n' \\
                      "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" "$level" "$level"
                  done
                  echo "plain"
                  case "$EVENT" in
                    *fail*) exit 1 ;;
                    *) respond '"ok"' ;;
                  esac
                done
                """);
    }

    private static List<String> functionMessages(Daemon d) {
        return JsonStream.records(d).stream().filter(r -> r.get("type").asText().equals("function"))
                .map(r -> r.get("record").isObject() ? r.at("/record/message").asText() : r.get("record").asText())
                .toList();
    }

    @Test
    void applicationLevelErrorKeepsOnlyTheErrorRecords(@TempDir Path dir) {
        try (Daemon d = JsonStream.daemon().env("AWS_LAMBDA_LOG_LEVEL", "ERROR")
                .command(leveledRuntime(dir).toString()).start()) {
            d.invoke("{}");
            JsonStream.await(d, "platform.report");
            assertEquals(List.of("at ERROR"), functionMessages(d), d::describe);
        }
    }

    @Test
    void applicationLevelDebugKeepsThemAll(@TempDir Path dir) {
        try (Daemon d = JsonStream.daemon().flag("--application-log-level", "DEBUG")
                .command(leveledRuntime(dir).toString()).start()) {
            d.invoke("{}");
            JsonStream.await(d, "platform.report");
            assertEquals(List.of("at DEBUG", "at INFO", "at ERROR", "plain"), functionMessages(d), d::describe);
        }
    }

    @Test
    void theDefaultApplicationLevelIsInfo(@TempDir Path dir) {
        try (Daemon d = JsonStream.daemon().command(leveledRuntime(dir).toString()).start()) {
            d.invoke("{}");
            JsonStream.await(d, "platform.report");
            assertEquals(List.of("at INFO", "at ERROR", "plain"), functionMessages(d), d::describe);
        }
    }

    @Test
    void systemLevelWarnDropsTheInfoRecordsAndKeepsFailures(@TempDir Path dir) {
        try (Daemon d = JsonStream.daemon().env("RAPID_SYSTEM_LOG_LEVEL", "WARN")
                .command(leveledRuntime(dir).toString()).start()) {
            d.invoke("{}");
            d.awaitStdout(l -> l.contains("\"at ERROR\""), WAIT);
            String failed = d.invoke("\"fail\"").headers().firstValue("X-Amzn-RequestId").orElseThrow();
            JsonNode report = JsonStream.await(d, "platform.report");
            assertEquals(failed, report.get("requestId").asText(), "the first report is the failure's");
            List<String> platform = JsonStream.types(JsonStream.records(d)).stream()
                    .filter(t -> t.startsWith("platform.")).toList();
            assertEquals(List.of("platform.runtimeDone", "platform.report"), platform,
                    () -> "only the failed invoke's WARN records\n" + d.describe());
        }
    }

    @Test
    void systemLevelDebugAddsTheDebugRecords(@TempDir Path dir) {
        try (Daemon d = JsonStream.daemon().flag("--system-log-level", "DEBUG")
                .command(leveledRuntime(dir).toString()).start()) {
            d.invoke("{}");
            JsonStream.await(d, "platform.report");
            List<String> platform = JsonStream.types(JsonStream.records(d)).stream()
                    .filter(t -> t.startsWith("platform.")).toList();
            assertEquals(List.of("platform.initStart", "platform.initRuntimeDone", "platform.initReport",
                    "platform.start", "platform.runtimeDone", "platform.report"), platform, d::describe);
        }
    }
}
