package io.rapidjava.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformEvent.ExtensionRegistered;
import io.rapidjava.interop.PlatformEvent.InitReport;
import io.rapidjava.interop.PlatformEvent.InitRuntimeDone;
import io.rapidjava.interop.PlatformEvent.InitStart;
import io.rapidjava.interop.PlatformEvent.InvokeFault;
import io.rapidjava.interop.PlatformEvent.InvokeReport;
import io.rapidjava.interop.PlatformEvent.InvokeRuntimeDone;
import io.rapidjava.interop.PlatformEvent.InvokeStart;
import io.rapidjava.interop.PlatformEvent.InvokeTimeout;
import io.rapidjava.interop.PlatformEvent.LogLine;
import io.rapidjava.interop.PlatformEvent.RestoreReport;
import io.rapidjava.interop.PlatformEvent.RestoreRuntimeDone;
import io.rapidjava.interop.PlatformEvent.RestoreStart;
import io.rapidjava.interop.PlatformEvent.ShutdownReport;
import io.rapidjava.interop.PlatformEvent.ShutdownStart;
import io.rapidjava.interop.ShutdownSummary;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Telemetry API's records, byte for byte, after the examples of AWS's schema reference. */
class TelemetryRecordsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T = Instant.parse("2022-10-12T00:01:15.000999Z");
    static final SandboxInfo INFO = new SandboxInfo("myFunction", "$LATEST",
            "arn:aws:lambda:us-east-1:123456789012:function:myFunction",
            "2022/10/12/myFunction[$LATEST]82561ce053dd47d190e0c8f5e063e62e", 256, "on-demand");
    static final String REQUEST = "6d68ca91-49c9-448d-89b8-7ca3e6dc66aa";

    @ParameterizedTest
    @ValueSource(strings = {"2022-07-01", "2022-12-13", "2025-01-29"})
    void initStartNamesTheFunctionAndTheInstanceInEveryVersion(String version) {
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.initStart","record":{"initializationType":\
                "on-demand","phase":"init","runtimeVersion":"nodejs-14.v3","runtimeVersionArn":"arn",\
                "functionName":"myFunction","functionVersion":"$LATEST",\
                "instanceId":"2022/10/12/myFunction[$LATEST]82561ce053dd47d190e0c8f5e063e62e",\
                "instanceMaxMemory":268435456}}""",
                json(new InitStart(T, "init", "nodejs-14.v3", "arn"), version));
    }

    @Test
    void initStartLeavesOutWhatItDoesNotKnow() {
        SandboxInfo bare = new SandboxInfo("f", "1", null, null, 0, "provisioned-concurrency");
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.initStart","record":{"initializationType":\
                "provisioned-concurrency","phase":"invoke","functionName":"f","functionVersion":"1"}}""",
                json(Records.encode(new InitStart(T, "invoke", null, null), Api.TELEMETRY, "2022-12-13", bare)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-07-01", "2022-12-13", "2025-01-29"})
    void initRuntimeDoneAndInitReport(String version) {
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.initRuntimeDone","record":{"initializationType":\
                "on-demand","phase":"init","status":"success"}}""",
                json(new InitRuntimeDone(T, "init", "success", null), version));
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.initRuntimeDone","record":{"initializationType":\
                "on-demand","phase":"invoke","status":"error","errorType":"Runtime.ExitError"}}""",
                json(new InitRuntimeDone(T, "invoke", "error", "Runtime.ExitError"), version));
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.initReport","record":{"initializationType":\
                "on-demand","status":"success","phase":"init","metrics":{"durationMs":125.33}}}""",
                json(new InitReport(T, "init", 125.330999, "success", null), version));
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.initReport","record":{"initializationType":\
                "on-demand","status":"timeout","phase":"init","metrics":{"durationMs":10000.0}}}""",
                json(new InitReport(T, "init", 10_000, "timeout", null), version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-07-01", "2022-12-13", "2025-01-29"})
    void startAndExtension(String version) {
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.start","record":{"requestId":\
                "6d68ca91-49c9-448d-89b8-7ca3e6dc66aa","version":"$LATEST"}}""",
                json(new InvokeStart(T, REQUEST, "$LATEST"), version));
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.extension","record":{"name":\
                "my-telemetry-extension","state":"Ready","events":["INVOKE","SHUTDOWN"]}}""",
                json(new ExtensionRegistered(T, "my-telemetry-extension", "external", "Ready",
                        List.of("INVOKE", "SHUTDOWN")), version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-07-01", "2022-12-13", "2025-01-29"})
    void runtimeDoneHasMetricsAndTheResponseSpans(String version) {
        // the answer's last byte at T: its first 0.5 ms before, the event delivered 23.02 ms before that
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.runtimeDone","record":{"requestId":\
                "6d68ca91-49c9-448d-89b8-7ca3e6dc66aa","status":"success","metrics":{"durationMs":140.0,\
                "producedBytes":16},"spans":[{"name":"responseLatency","start":"2022-10-12T00:01:14.977Z",\
                "durationMs":23.02},{"name":"responseDuration","start":"2022-10-12T00:01:15.000Z",\
                "durationMs":0.5}]}}""",
                json(new InvokeRuntimeDone(T, REQUEST, "success", null, 140.000999, 16, 23.02, 0.5), version));
    }

    @Test
    void runtimeDoneWithoutAnAnswerHasNoSpans() {
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.runtimeDone","record":{"requestId":\
                "6d68ca91-49c9-448d-89b8-7ca3e6dc66aa","status":"error","errorType":"Runtime.ExitError",\
                "metrics":{"durationMs":150.002,"producedBytes":0}}}""",
                json(new InvokeRuntimeDone(T, REQUEST, "error", "Runtime.ExitError", 150.002999, 0, null, null),
                        "2025-01-29"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-07-01", "2022-12-13", "2025-01-29"})
    void restoreRecordsAfterTheSchemaReference(String version) {
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.restoreStart","record":{"runtimeVersion":\
                "java:21.v1","runtimeVersionArn":"arn","functionName":"myFunction","functionVersion":"$LATEST",\
                "instanceId":"2022/10/12/myFunction[$LATEST]82561ce053dd47d190e0c8f5e063e62e",\
                "instanceMaxMemory":268435456}}""",
                json(new RestoreStart(T, "java:21.v1", "arn"), version));
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.restoreRuntimeDone","record":{"status":\
                "success"}}""",
                json(new RestoreRuntimeDone(T, "success", null), version));
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.restoreRuntimeDone","record":{"status":\
                "error","errorType":"Runtime.AfterRestoreError"}}""",
                json(new RestoreRuntimeDone(T, "error", "Runtime.AfterRestoreError"), version));
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.restoreReport","record":{"status":"success",\
                "metrics":{"durationMs":15.19}}}""",
                json(new RestoreReport(T, 15.190999, "success", null), version));
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.restoreReport","record":{"status":"timeout",\
                "metrics":{"durationMs":10000.0}}}""",
                json(new RestoreReport(T, 10_000, "timeout", null), version));
    }

    @Test
    void theFirstReportAfterARestoreHasItsDuration() {
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.report","record":{"requestId":\
                "6d68ca91-49c9-448d-89b8-7ca3e6dc66aa","metrics":{"durationMs":2.89,"billedDurationMs":3,\
                "memorySizeMB":128,"maxMemoryUsedMB":84,"restoreDurationMs":571.67},"status":"success"}}""",
                json(new InvokeReport(T, REQUEST, 2.89, 3, 128, 84, null, "success", null, false, null, null,
                        571.67), "2022-12-13"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-07-01", "2022-12-13", "2025-01-29"})
    void reportHasTheInvokesMetricsAndStatus(String version) {
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.report","record":{"requestId":\
                "6d68ca91-49c9-448d-89b8-7ca3e6dc66aa","metrics":{"durationMs":693.92,"billedDurationMs":694,\
                "memorySizeMB":128,"maxMemoryUsedMB":84,"initDurationMs":397.68},"status":"success"}}""",
                json(new InvokeReport(T, REQUEST, 693.92, 694, 128, 84, 397.68, "success", null), version));
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.report","record":{"requestId":\
                "6d68ca91-49c9-448d-89b8-7ca3e6dc66aa","metrics":{"durationMs":3000.0,"billedDurationMs":3000,\
                "memorySizeMB":128,"maxMemoryUsedMB":84},"status":"timeout"}}""",
                json(new InvokeReport(T, REQUEST, 3000, 3000, 128, 84, null, "timeout", null), version));
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.report","record":{"requestId":\
                "6d68ca91-49c9-448d-89b8-7ca3e6dc66aa","metrics":{"durationMs":2.89,"billedDurationMs":3,\
                "memorySizeMB":128,"maxMemoryUsedMB":84},"status":"error","errorType":"Runtime.ExitError"}}""",
                json(new InvokeReport(T, REQUEST, 2.89, 3, 128, 84, null, "error", "Runtime.ExitError"), version));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-07-01", "2022-12-13", "2025-01-29"})
    void aTracedInvokesRecordsCarryItsTraceContext(String version) {
        String traced = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        String tracing = "\"tracing\":{\"type\":\"X-Amzn-Trace-Id\",\"value\":\"" + traced + "\"}";
        assertEquals("{\"time\":\"2022-10-12T00:01:15.000Z\",\"type\":\"platform.start\",\"record\":{\"requestId\":\""
                        + REQUEST + "\",\"version\":\"$LATEST\"," + tracing + "}}",
                json(new InvokeStart(T, REQUEST, "$LATEST", traced), version));
        assertEquals("{\"time\":\"2022-10-12T00:01:15.000Z\",\"type\":\"platform.runtimeDone\",\"record\":{\"requestId\":\""
                        + REQUEST + "\",\"status\":\"success\"," + tracing
                        + ",\"metrics\":{\"durationMs\":140.0,\"producedBytes\":16}}}",
                json(new InvokeRuntimeDone(T, REQUEST, "success", null, 140.0, 16, null, null, traced), version));
        assertEquals("{\"time\":\"2022-10-12T00:01:15.000Z\",\"type\":\"platform.report\",\"record\":{\"requestId\":\""
                        + REQUEST + "\",\"metrics\":{\"durationMs\":2.89,\"billedDurationMs\":3,\"memorySizeMB\":128,"
                        + "\"maxMemoryUsedMB\":84}," + tracing + ",\"status\":\"success\"}}",
                json(new InvokeReport(T, REQUEST, 2.89, 3, 128, 84, null, "success", null, false, null, traced),
                        version));
    }

    @Test
    void anUnsampledTraceIsNotTraced() {
        for (String trace : List.of("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0",
                "Parent=53995c3f42cd8ad8;Sampled=1", "Root=;Sampled=1", "Root=1-5759e988-bd862e3fe1be46a994272793")) {
            assertFalse(json(new InvokeStart(T, REQUEST, "$LATEST", trace), "2025-01-29").contains("tracing"), trace);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-07-01", "2022-12-13", "2025-01-29"})
    void logLinesAreStringRecordsOfTheirCategory(String version) {
        Envelope function = Records.encode(new LogLine(T, "function", null, REQUEST,
                "[INFO] Hello world, I am a function!"), Api.TELEMETRY, version, INFO);
        assertEquals(Category.FUNCTION, function.category());
        assertEquals("function", function.type());
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"function","record":"[INFO] Hello world, I am a function!"}\
                """, json(function));
        Envelope extension = Records.encode(new LogLine(T, "extension", "my-telemetry-extension", null,
                "[INFO] Hello world, I am an extension!"), Api.TELEMETRY, version, INFO);
        assertEquals(Category.EXTENSION, extension.category());
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"extension","record":\
                "[INFO] Hello world, I am an extension!"}""", json(extension));
    }

    @Test
    void aLineIsEscapedAsAJsonString() throws Exception {
        String line = "tab\tquote\" backslash\\ \u0001 <&> é 日本 😀 {\"json\":true}";
        Envelope e = Records.encode(new LogLine(T, "function", null, null, line), Api.TELEMETRY, "2022-12-13", INFO);
        assertEquals(line, JSON.readTree(e.json()).get("record").textValue());
        assertTrue(json(e).contains("tab\\tquote\\\" backslash\\\\ \\u0001"), json(e));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2022-07-01", "2022-12-13", "2025-01-29"})
    void faultsTimeoutsAndShutdownsHaveNoRecord(String version) {
        for (PlatformEvent event : List.of(new InvokeFault(T, REQUEST, "Runtime.ExitError", "exit status 1"),
                new InvokeTimeout(T, REQUEST, 3), new ShutdownStart(T, "spindown", 1),
                new ShutdownReport(T, 1, new ShutdownSummary("spindown", 2.5, List.of())))) {
            assertNull(Records.encode(event, Api.TELEMETRY, version, INFO), event.toString());
            assertEquals(List.of(), Records.encodeAll(event, Api.TELEMETRY, version, INFO));
        }
    }

    @Test
    void telemetrySubscriptionListsTheTypesInTheirOrder() {
        Envelope e = Records.subscribed(Api.TELEMETRY, "2022-12-13", "my-telemetry-extension",
                Set.of(Category.FUNCTION, Category.PLATFORM), T);
        assertEquals(Category.PLATFORM, e.category());
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.telemetrySubscription","record":{"name":\
                "my-telemetry-extension","state":"Subscribed","types":["platform","function"]}}""", json(e));
    }

    @Test
    void logsDropped() {
        assertEquals("""
                {"time":"2022-10-12T00:01:15.000Z","type":"platform.logsDropped","record":{"droppedBytes":12345,\
                "droppedRecords":123,"reason":"Some logs were dropped because the downstream consumer is slower \
                than the logs production rate"}}""",
                json(Records.logsDropped(Api.TELEMETRY, "2025-01-29", 123, 12345, "Some logs were dropped because "
                        + "the downstream consumer is slower than the logs production rate", T)));
    }

    @Test
    void theRecordsWithoutAnEventAreOfNow() throws Exception {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Envelope e = Records.subscribed(Api.TELEMETRY, "2025-01-29", "x", Set.of(Category.PLATFORM));
        Instant time = Instant.parse(JSON.readTree(e.json()).get("time").textValue());
        assertFalse(time.isBefore(before) || time.isAfter(Instant.now()), time.toString());
    }

    @Test
    void aVersionOfTheOtherApiIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Records.encode(new InvokeStart(T, REQUEST, "1"), Api.TELEMETRY, "2021-03-18", INFO));
        assertThrows(IllegalArgumentException.class,
                () -> Records.logsDropped(Api.TELEMETRY, "2020-08-15", 1, 1, "r"));
    }

    private static String json(PlatformEvent event, String version) {
        List<Envelope> all = Records.encodeAll(event, Api.TELEMETRY, version, INFO);
        assertEquals(1, all.size());
        assertEquals(Category.PLATFORM, all.getFirst().category());
        return json(all.getFirst());
    }

    static String json(Envelope e) {
        String json = new String(e.json(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"type\":\"" + e.type() + "\""), json);
        return json;
    }
}
