package io.rapidjava.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rapidjava.interop.PlatformEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** AWS's system log level event mapping, row by row, for the events this daemon emits. */
class SystemLevelsTest {

    private static final Instant T = Instant.EPOCH;
    private static final SandboxInfo ON_DEMAND = new SandboxInfo("fn", "$LATEST", "arn", null, 128, "on-demand");
    private static final SandboxInfo PROVISIONED =
            new SandboxInfo("fn", "$LATEST", "arn", null, 128, "provisioned-concurrency");

    private static RecordLevel of(PlatformEvent e) {
        return SystemLevels.of(e, ON_DEMAND);
    }

    @Test
    void initRecords() {
        assertEquals(RecordLevel.INFO, of(new PlatformEvent.InitStart(T, "init", "rapid-java:0.1.0", "arn")));
        assertEquals(RecordLevel.DEBUG, of(new PlatformEvent.InitStart(T, "init", null, null)), "no runtime version");
        assertEquals(RecordLevel.DEBUG, of(new PlatformEvent.InitRuntimeDone(T, "init", "success", null)));
        assertEquals(RecordLevel.WARN, of(new PlatformEvent.InitRuntimeDone(T, "init", "error", "Runtime.ExitError")));
        assertEquals(RecordLevel.DEBUG, of(new PlatformEvent.InitReport(T, "init", 1, "success", null)));
        assertEquals(RecordLevel.INFO,
                SystemLevels.of(new PlatformEvent.InitReport(T, "init", 1, "success", null), PROVISIONED));
        assertEquals(RecordLevel.WARN, of(new PlatformEvent.InitReport(T, "init", 1, "timeout", null)));
    }

    @Test
    void invokeRecords() {
        assertEquals(RecordLevel.INFO, of(new PlatformEvent.InvokeStart(T, "r", "$LATEST")));
        assertEquals(RecordLevel.DEBUG, of(new PlatformEvent.InvokeRuntimeDone(T, "r", "success", null, 1, 1, 1.0, 1.0)));
        assertEquals(RecordLevel.WARN, of(new PlatformEvent.InvokeRuntimeDone(T, "r", "timeout", null, 1, 0, null, null)));
        assertEquals(RecordLevel.INFO, of(new PlatformEvent.InvokeReport(T, "r", 1, 1, 128, 1, null, "success", null)));
        assertEquals(RecordLevel.WARN, of(new PlatformEvent.InvokeReport(T, "r", 1, 1, 128, 1, null, "error", "X")));
        assertEquals(RecordLevel.INFO,
                of(new PlatformEvent.ExtensionRegistered(T, "e", "external", "Ready", List.of("INVOKE"))));
    }

    @Test
    void eventsWithoutARecord() {
        assertNull(of(new PlatformEvent.InvokeFault(T, "r", "Runtime.ExitError", "exit status 1")));
        assertNull(of(new PlatformEvent.InvokeTimeout(T, "r", 3)));
        assertNull(of(new PlatformEvent.ShutdownStart(T, "spindown", 1)));
        assertNull(of(new PlatformEvent.LogLine(T, "function", null, null, "x")), "output has the application level");
    }
}
