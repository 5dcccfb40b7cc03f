package io.rapidjava.telemetry;

import static io.rapidjava.telemetry.TelemetryRecordsTest.INFO;
import static io.rapidjava.telemetry.TelemetryRecordsTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
import io.rapidjava.interop.PlatformEvent.ShutdownReport;
import io.rapidjava.interop.PlatformEvent.ShutdownStart;
import io.rapidjava.interop.ShutdownSummary;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Logs API's records, byte for byte, after the examples of AWS's Logs API page. */
class LogsRecordsTest {

    static final Instant T = Instant.parse("2020-08-20T12:31:32.123456Z");
    static final String REQUEST = "6f7f0961f83442118a7af6fe80b88d56";

    @ParameterizedTest
    @ValueSource(strings = {"2020-08-15", "2021-03-18"})
    void startEndAndReport(String version) {
        assertEquals("""
                {"time":"2020-08-20T12:31:32.123Z","type":"platform.start","record":{"requestId":\
                "6f7f0961f83442118a7af6fe80b88d56","version":"$LATEST"}}""",
                json(Records.encode(new InvokeStart(T, REQUEST, "$LATEST"), Api.LOGS, version, INFO)));
        InvokeReport report = new InvokeReport(T, REQUEST, 101.51, 300, 512, 33, 116.67, "success", null);
        List<Envelope> records = Records.encodeAll(report, Api.LOGS, version, INFO);
        assertEquals(2, records.size());
        assertEquals("""
                {"time":"2020-08-20T12:31:32.123Z","type":"platform.end","record":{"requestId":\
                "6f7f0961f83442118a7af6fe80b88d56"}}""", json(records.get(0)));
        assertEquals("""
                {"time":"2020-08-20T12:31:32.123Z","type":"platform.report","record":{"requestId":\
                "6f7f0961f83442118a7af6fe80b88d56","metrics":{"durationMs":101.51,"billedDurationMs":300,\
                "memorySizeMB":512,"maxMemoryUsedMB":33,"initDurationMs":116.67}}}""", json(records.get(1)));
        assertEquals("platform.end", Records.encode(report, Api.LOGS, version, INFO).type(),
                "encode gives the first of the two");
    }

    @Test
    void runtimeDoneComesWithSchema20210318Only() {
        InvokeRuntimeDone done = new InvokeRuntimeDone(T, REQUEST, "timeout", null, 3000, 0, null, null);
        assertNull(Records.encode(done, Api.LOGS, "2020-08-15", INFO));
        assertEquals("""
                {"time":"2020-08-20T12:31:32.123Z","type":"platform.runtimeDone","record":{"requestId":\
                "6f7f0961f83442118a7af6fe80b88d56","status":"timeout"}}""",
                json(Records.encode(done, Api.LOGS, "2021-03-18", INFO)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020-08-15", "2021-03-18"})
    void faultIsAStringRecord(String version) {
        assertEquals("""
                {"time":"2020-08-20T12:31:32.123Z","type":"platform.fault","record":"RequestId: \
                d783b35e-a91d-4251-af17-035953428a2c Error: Runtime exited with error: exit status 1\\n\
                Runtime.ExitError\\n"}""",
                json(Records.encode(new InvokeFault(T, "d783b35e-a91d-4251-af17-035953428a2c", "Runtime.ExitError",
                        "Runtime exited with error: exit status 1"), Api.LOGS, version, INFO)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020-08-15", "2021-03-18"})
    void extensionAndLogLines(String version) {
        assertEquals("""
                {"time":"2020-08-20T12:31:32.123Z","type":"platform.extension","record":{"name":"Foo.bar",\
                "state":"Ready","events":["INVOKE","SHUTDOWN"]}}""",
                json(Records.encode(new ExtensionRegistered(T, "Foo.bar", "external", "Ready",
                        List.of("INVOKE", "SHUTDOWN")), Api.LOGS, version, INFO)));
        Envelope function = Records.encode(new LogLine(T, "function", null, REQUEST, "ERROR encountered."),
                Api.LOGS, version, INFO);
        assertEquals(Category.FUNCTION, function.category());
        assertEquals("""
                {"time":"2020-08-20T12:31:32.123Z","type":"function","record":"ERROR encountered."}""",
                json(function));
        Envelope extension = Records.encode(new LogLine(T, "extension", "Foo.bar", null, "ready"),
                Api.LOGS, version, INFO);
        assertEquals(Category.EXTENSION, extension.category());
        assertEquals("""
                {"time":"2020-08-20T12:31:32.123Z","type":"extension","record":"ready"}""", json(extension));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2020-08-15", "2021-03-18"})
    void initTimeoutAndShutdownHaveNoRecord(String version) {
        for (PlatformEvent event : List.of(new InitStart(T, "init", "nodejs:22", "arn"),
                new InitRuntimeDone(T, "init", "success", null), new InitReport(T, "init", 1, "success", null),
                new InvokeTimeout(T, REQUEST, 3), new ShutdownStart(T, "spindown", 1),
                new ShutdownReport(T, 1, new ShutdownSummary("spindown", 2.5, List.of())))) {
            assertEquals(List.of(), Records.encodeAll(event, Api.LOGS, version, INFO), event.toString());
        }
    }

    @Test
    void logsSubscriptionAndLogsDropped() {
        assertEquals("""
                {"time":"2020-08-20T12:31:32.123Z","type":"platform.logsSubscription","record":{"name":"Foo.bar",\
                "state":"Subscribed","types":["platform","function"]}}""",
                json(Records.subscribed(Api.LOGS, "2020-08-15", "Foo.bar",
                        Set.of(Category.FUNCTION, Category.PLATFORM), T)));
        assertEquals("""
                {"time":"2020-08-20T12:31:32.123Z","type":"platform.logsDropped","record":{"reason":"Consumer seems \
                to have fallen behind as it has not acknowledged receipt of logs.","droppedRecords":123,\
                "droppedBytes":12345}}""",
                json(Records.logsDropped(Api.LOGS, "2021-03-18", 123, 12345,
                        "Consumer seems to have fallen behind as it has not acknowledged receipt of logs.", T)));
    }

    @Test
    void aTelemetryVersionIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Records.encode(new InvokeStart(T, REQUEST, "1"), Api.LOGS, "2022-07-01", INFO));
    }
}
