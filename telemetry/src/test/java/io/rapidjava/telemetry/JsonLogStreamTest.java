package io.rapidjava.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.ShutdownSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JSON log stream: the records of a cold invoke, byte for byte, and what each level keeps. */
class JsonLogStreamTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2026-12-01T10:00:00.123456Z");
    private static final SandboxInfo INFO = new SandboxInfo("fn", "$LATEST",
            "arn:aws:lambda:us-east-1:012345678912:function:fn", null, 128, "on-demand");

    private static List<String> stream(RecordLevel application, RecordLevel system, PlatformEvent... events) {
        List<String> out = new ArrayList<>();
        JsonLogStream s = new JsonLogStream(out::add, application, system, INFO);
        for (PlatformEvent e : events) {
            s.on(e);
        }
        return out;
    }

    /** Records compared as JSON values: what a record holds is the contract, not the order of its fields. */
    private static void assertRecords(List<String> expected, List<String> actual) {
        assertEquals(trees(expected), trees(actual), () -> "expected " + expected + "\nbut was " + actual);
    }

    private static List<JsonNode> trees(List<String> lines) {
        List<JsonNode> trees = new ArrayList<>();
        for (String line : lines) {
            try {
                trees.add(JSON.readTree(line));
            } catch (java.io.IOException e) {
                throw new AssertionError("not JSON: " + line, e);
            }
        }
        return trees;
    }

    private static final PlatformEvent[] COLD_INVOKE = {
            new PlatformEvent.InitStart(T, "init", "rapid-java:0.1.0", "arn:aws:lambda:us-east-1::runtime:rapid-java:0.1.0"),
            new PlatformEvent.LogLine(T, "function", null, null, "loading"),
            new PlatformEvent.InitRuntimeDone(T, "init", "success", null),
            new PlatformEvent.InitReport(T, "init", 41.2, "success", null),
            new PlatformEvent.InvokeStart(T, "r1", "$LATEST"),
            new PlatformEvent.LogLine(T, "function", null, "r1",
                    "{\"timestamp\":\"2026-12-01T10:00:00.120Z\",\"level\":\"INFO\",\"requestId\":\"r1\",\"message\":\"hi\"}"),
            new PlatformEvent.InvokeRuntimeDone(T, "r1", "success", null, 2.1234567, 4, 0.5, 0.1),
            new PlatformEvent.InvokeReport(T, "r1", 2.89, 3, 128, 14, 41.2, "success", null),
    };

    @Test
    void aColdInvokeAtTheDefaultLevels() {
        assertRecords(List.of(
                "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"platform.initStart\",\"record\":{"
                        + "\"initializationType\":\"on-demand\",\"phase\":\"init\",\"runtimeVersion\":\"rapid-java:0.1.0\","
                        + "\"runtimeVersionArn\":\"arn:aws:lambda:us-east-1::runtime:rapid-java:0.1.0\","
                        + "\"functionName\":\"fn\",\"functionVersion\":\"$LATEST\"}}",
                "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"function\",\"record\":\"loading\"}",
                "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"platform.start\",\"record\":{"
                        + "\"requestId\":\"r1\",\"version\":\"$LATEST\"}}",
                "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"function\",\"record\":{"
                        + "\"timestamp\":\"2026-12-01T10:00:00.120Z\",\"level\":\"INFO\",\"requestId\":\"r1\",\"message\":\"hi\"}}",
                "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"platform.report\",\"record\":{"
                        + "\"requestId\":\"r1\",\"status\":\"success\",\"metrics\":{\"durationMs\":2.89,"
                        + "\"billedDurationMs\":3,\"memorySizeMB\":128,\"maxMemoryUsedMB\":14,\"initDurationMs\":41.2}}}"),
                stream(RecordLevel.INFO, RecordLevel.INFO, COLD_INVOKE));
    }

    @Test
    void debugAddsTheRuntimeDoneRecordsAndTheSuccessfulInitReport() {
        assertRecords(List.of(
                "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"platform.initRuntimeDone\",\"record\":{"
                        + "\"initializationType\":\"on-demand\",\"phase\":\"init\",\"status\":\"success\"}}",
                "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"platform.initReport\",\"record\":{"
                        + "\"initializationType\":\"on-demand\",\"phase\":\"init\",\"status\":\"success\","
                        + "\"metrics\":{\"durationMs\":41.2}}}",
                "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"platform.runtimeDone\",\"record\":{"
                        + "\"requestId\":\"r1\",\"status\":\"success\",\"metrics\":{\"durationMs\":2.123,"
                        + "\"producedBytes\":4},\"spans\":[{\"name\":\"responseLatency\","
                        + "\"start\":\"2026-12-01T10:00:00.122Z\",\"durationMs\":0.5},{\"name\":\"responseDuration\","
                        + "\"start\":\"2026-12-01T10:00:00.123Z\",\"durationMs\":0.1}]}}"),
                stream(RecordLevel.INFO, RecordLevel.DEBUG, COLD_INVOKE).stream()
                        .filter(l -> !stream(RecordLevel.INFO, RecordLevel.INFO, COLD_INVOKE).contains(l)).toList());
    }

    @Test
    void warnKeepsOnlyWhatFailed() {
        List<String> ok = stream(RecordLevel.INFO, RecordLevel.WARN, COLD_INVOKE);
        assertEquals(2, ok.size(), () -> "only the function's two lines: " + ok);
        List<String> failed = stream(RecordLevel.INFO, RecordLevel.WARN,
                new PlatformEvent.InvokeStart(T, "r2", "$LATEST"),
                new PlatformEvent.InvokeFault(T, "r2", "Runtime.ExitError", "Runtime exited with error: exit status 1"),
                new PlatformEvent.InvokeRuntimeDone(T, "r2", "error", "Runtime.ExitError", 5, 0, null, null),
                new PlatformEvent.InvokeReport(T, "r2", 5, 5, 128, 14, null, "error", "Runtime.ExitError"));
        assertRecords(List.of(
                "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"platform.runtimeDone\",\"record\":{"
                        + "\"requestId\":\"r2\",\"status\":\"error\",\"errorType\":\"Runtime.ExitError\","
                        + "\"metrics\":{\"durationMs\":5.0,\"producedBytes\":0}}}",
                "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"platform.report\",\"record\":{"
                        + "\"requestId\":\"r2\",\"status\":\"error\",\"errorType\":\"Runtime.ExitError\","
                        + "\"metrics\":{\"durationMs\":5.0,\"billedDurationMs\":5,\"memorySizeMB\":128,"
                        + "\"maxMemoryUsedMB\":14}}}"), failed);
    }

    @Test
    void aTimeoutIsToldByTheStatusOfRuntimeDoneAndReport() {
        List<String> out = stream(RecordLevel.INFO, RecordLevel.INFO,
                new PlatformEvent.InvokeTimeout(T, "r3", 1.0),
                new PlatformEvent.InvokeRuntimeDone(T, "r3", "timeout", null, 1000, 0, null, null),
                new PlatformEvent.InvokeReport(T, "r3", 1000, 1000, 128, 14, null, "timeout", null));
        assertEquals(List.of("platform.runtimeDone", "platform.report"), out.stream()
                .map(l -> l.substring(l.indexOf("\"type\":\"") + 8, l.indexOf("\",\"record\""))).toList());
        assertEquals(true, out.get(1).contains("\"status\":\"timeout\""), out.get(1));
    }

    @Test
    void aFailedInitAndAnExtension() {
        assertRecords(List.of(
                "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"platform.extension\",\"record\":{"
                        + "\"name\":\"audit\",\"state\":\"Ready\",\"events\":[\"INVOKE\",\"SHUTDOWN\"]}}",
                "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"platform.initRuntimeDone\",\"record\":{"
                        + "\"initializationType\":\"on-demand\",\"phase\":\"init\",\"status\":\"error\","
                        + "\"errorType\":\"Runtime.ExitError\"}}",
                "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"platform.initReport\",\"record\":{"
                        + "\"initializationType\":\"on-demand\",\"phase\":\"init\",\"status\":\"error\","
                        + "\"errorType\":\"Runtime.ExitError\",\"metrics\":{\"durationMs\":12.5}}}"),
                stream(RecordLevel.INFO, RecordLevel.INFO,
                        new PlatformEvent.ExtensionRegistered(T, "audit", "external", "Ready", List.of("INVOKE", "SHUTDOWN")),
                        new PlatformEvent.InitRuntimeDone(T, "init", "error", "Runtime.ExitError"),
                        new PlatformEvent.InitReport(T, "init", 12.5, "error", "Runtime.ExitError"),
                        new PlatformEvent.ShutdownStart(T, "failure", 1),
                        new PlatformEvent.ShutdownReport(T, 1, new ShutdownSummary("failure", 1.0, List.of()))));
    }

    @Test
    void theApplicationLevelFiltersOutputLines() {
        String debug = "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"level\":\"DEBUG\",\"message\":\"d\"}";
        String error = "{\"timestamp\":\"2026-12-01T10:00:00Z\",\"level\":\"ERROR\",\"message\":\"e\"}";
        List<String> out = stream(RecordLevel.ERROR, RecordLevel.INFO,
                new PlatformEvent.LogLine(T, "function", null, "r1", debug),
                new PlatformEvent.LogLine(T, "function", null, "r1", "plain text is INFO"),
                new PlatformEvent.LogLine(T, "extension", "audit", "r1", error));
        assertRecords(List.of("{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"extension\",\"record\":" + error + "}"),
                out);
    }

    @Test
    void aPlainLineIsAStringRecordEscapedAsJson() {
        assertRecords(List.of("{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"function\",\"record\":"
                        + "\"tab\\there \\\"quoted\\\" \\u003cb\\u003e {not json\"}"),
                stream(RecordLevel.TRACE, RecordLevel.INFO,
                        new PlatformEvent.LogLine(T, "function", null, null, "tab\there \"quoted\" <b> {not json")));
    }
}
