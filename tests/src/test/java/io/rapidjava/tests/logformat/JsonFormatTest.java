package io.rapidjava.tests.logformat;

import static io.rapidjava.tests.logformat.JsonStream.WAIT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code AWS_LAMBDA_LOG_FORMAT=JSON}: stdout is one JSON record a line, platform records in the Telemetry API's
 * shapes and the runtime's lines as {@code function} records (an object when the line is one, else a string).
 */
@Timeout(60)
class JsonFormatTest {

    private static final String OBJECT_LINE =
            "{\"timestamp\":\"2026-01-01T00:00:00.000Z\",\"level\":\"INFO\",\"requestId\":\"%s\",\"message\":\"hi\"}";

    @Test
    void theTailLogIsInTheLogFormat(@TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  echo "handling $REQUEST_ID"
                  respond '"ok"'
                done
                """);
        try (Daemon d = JsonStream.daemon().command(bootstrap.toString()).start()) {
            var answer = d.invoke("{}", java.util.Map.of("X-Amz-Log-Type", "Tail"));
            String id = answer.headers().firstValue("X-Amzn-RequestId").orElseThrow();
            String tail = new String(java.util.Base64.getDecoder().decode(
                    answer.headers().firstValue("X-Amz-Log-Result").orElseThrow()), java.nio.charset.StandardCharsets.UTF_8);
            List<JsonNode> lines = tail.lines().map(Json::parse).toList();
            assertEquals(List.of("platform.start", "function", "platform.report"),
                    lines.stream().map(l -> l.get("type").asText()).toList(), tail);
            assertEquals("handling " + id, lines.get(1).get("record").asText());
            assertEquals(id, lines.get(2).at("/record/requestId").asText());
        }
    }

    @Test
    void aColdInvoke(@TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                echo "init line"
                while next; do
                  printf '{"timestamp":"2026-01-01T00:00:00.000Z","level":"INFO","requestId":"%s","message":"hi"}\\n' \\
                    "$REQUEST_ID"
                  echo "plain line $REQUEST_ID" >&2
                  respond '"ok"'
                done
                """);
        try (Daemon d = JsonStream.daemon().command(bootstrap.toString()).start()) {
            // the runtime's pump and the event loop race: the init's line must be in before the invoke starts
            d.awaitStdout(l -> l.contains("\"init line\""), JsonStream.WAIT);
            String id = d.invoke("{}").headers().firstValue("X-Amzn-RequestId").orElseThrow();
            JsonNode report = JsonStream.await(d, "platform.report");
            List<JsonNode> records = JsonStream.records(d);

            assertEquals(List.of("platform.initStart", "function", "platform.start", "function", "function",
                    "platform.report"), JsonStream.types(records), d::describe);
            JsonNode initStart = records.get(0).get("record");
            assertAll("platform.initStart " + initStart,
                    () -> assertEquals("on-demand", initStart.get("initializationType").asText()),
                    () -> assertEquals("init", initStart.get("phase").asText()),
                    () -> assertTrue(initStart.get("runtimeVersion").asText().startsWith("rapid-java:")),
                    () -> assertTrue(initStart.get("runtimeVersionArn").asText()
                            .startsWith("arn:aws:lambda:us-east-1::runtime:rapid-java:")),
                    () -> assertEquals("test_function", initStart.get("functionName").asText()),
                    () -> assertEquals("$LATEST", initStart.get("functionVersion").asText()));
            assertEquals("init line", records.get(1).get("record").asText());
            assertEquals(Json.parse("{\"requestId\":\"" + id + "\",\"version\":\"$LATEST\"}"),
                    records.get(2).get("record"));
            assertEquals(Json.parse(OBJECT_LINE.formatted(id)), records.get(3).get("record"),
                    "a line that is a JSON object is the record, as written");
            assertEquals("plain line " + id, records.get(4).get("record").asText(), "any other line is a string");
            assertAll("platform.report " + report,
                    () -> assertEquals(id, report.get("requestId").asText()),
                    () -> assertEquals("success", report.get("status").asText()),
                    () -> assertFalse(report.has("errorType")),
                    () -> assertEquals(3008, report.at("/metrics/memorySizeMB").asInt()),
                    () -> assertTrue(report.at("/metrics/durationMs").isNumber()),
                    () -> assertEquals((long) Math.max(1, Math.ceil(report.at("/metrics/durationMs").asDouble())),
                            report.at("/metrics/billedDurationMs").asLong()),
                    () -> assertTrue(report.at("/metrics/maxMemoryUsedMB").asInt() >= 1),
                    () -> assertTrue(report.at("/metrics/initDurationMs").asDouble() > 0, "cold: init duration"));

            d.invoke("{}");
            JsonNode second = JsonStream.record(d.awaitStdoutCount(l -> l.contains("\"platform.report\""), 2, WAIT)
                    .get(1), d).get("record");
            assertFalse(second.get("metrics").has("initDurationMs"), () -> "warm: no init duration " + second);
        }
    }

    @Test
    void aFunctionErrorAndACrash(@TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  case "$EVENT" in
                    *crash*) exit 3 ;;
                    *) fail Function.Broken '{"errorMessage":"no","errorType":"Function.Broken"}' ;;
                  esac
                done
                """);
        try (Daemon d = JsonStream.daemon().command(bootstrap.toString()).start()) {
            String failed = d.invoke("{}").headers().firstValue("X-Amzn-RequestId").orElseThrow();
            JsonNode report = JsonStream.await(d, "platform.report");
            assertEquals(failed, report.get("requestId").asText());
            JsonNode errorDone = runtimeDone(d, failed);
            assertEquals("error", errorDone.get("status").asText(), errorDone::toString);
            assertEquals("Function.Broken", errorDone.get("errorType").asText(), errorDone::toString);

            String crashed = d.invoke("\"crash\"").headers().firstValue("X-Amzn-RequestId").orElseThrow();
            JsonNode crashReport = JsonStream.record(d.awaitStdoutCount(l -> l.contains("\"platform.report\""), 2,
                    WAIT).get(1), d).get("record");
            JsonNode runtimeDone = runtimeDone(d, crashed);
            assertAll("the crash: runtimeDone " + runtimeDone + ", report " + crashReport,
                    () -> assertEquals(crashed, crashReport.get("requestId").asText()),
                    () -> assertEquals("error", crashReport.get("status").asText()),
                    () -> assertEquals("Runtime.ExitError", crashReport.get("errorType").asText()),
                    () -> assertEquals("error", runtimeDone.get("status").asText()),
                    () -> assertEquals("Runtime.ExitError", runtimeDone.get("errorType").asText()),
                    () -> assertTrue(runtimeDone.at("/metrics/producedBytes").isIntegralNumber()));
            assertTrue(d.stdout().stream().noneMatch(l -> l.contains("Runtime exited with error")),
                    () -> "the fault is told by the records, not by text lines\n" + d.describe());
        }
    }

    /** The runtimeDone record of an invoke: a WARN record, since the invoke did not succeed. */
    private static JsonNode runtimeDone(Daemon d, String requestId) {
        return JsonStream.records(d).stream()
                .filter(r -> r.get("type").asText().equals("platform.runtimeDone")
                        && r.at("/record/requestId").asText().equals(requestId))
                .findFirst().orElseThrow(() -> new AssertionError("no runtimeDone of " + requestId + "\n"
                        + d.describe())).get("record");
    }

    @Test
    void aTimeout(@TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  sleep 5
                done
                """);
        try (Daemon d = JsonStream.daemon().env("AWS_LAMBDA_FUNCTION_TIMEOUT", "1")
                .command(bootstrap.toString()).start()) {
            String id = d.invoke("{}").headers().firstValue("X-Amzn-RequestId").orElseThrow();
            JsonNode report = JsonStream.await(d, "platform.report");
            JsonNode runtimeDone = JsonStream.await(d, "platform.runtimeDone");
            assertAll("report " + report + ", runtimeDone " + runtimeDone,
                    () -> assertEquals(id, report.get("requestId").asText()),
                    () -> assertEquals("timeout", report.get("status").asText()),
                    () -> assertEquals(id, runtimeDone.get("requestId").asText()),
                    () -> assertEquals("timeout", runtimeDone.get("status").asText()),
                    () -> assertTrue(report.at("/metrics/durationMs").asDouble() >= 1000));
            assertTrue(JsonStream.records(d).stream().noneMatch(r -> r.toString().contains("Task timed out")),
                    () -> "every line a record, the timeout told by their status\n" + d.describe());
        }
    }
}
