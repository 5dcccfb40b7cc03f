package io.rapidjava.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.interop.PlatformEvent;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each platform event becomes the lines real Lambda writes to the log stream, byte for byte. */
class PlatformLinesTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00.123456Z");

    @Test
    void initLines() {
        assertEquals(List.of("INIT_START Runtime Version: rapid-java:0.1.0\tRuntime Version ARN: arn:x"),
                PlatformLines.of(new PlatformEvent.InitStart(T, "init", "rapid-java:0.1.0", "arn:x")));
        assertEquals(List.of(), PlatformLines.of(new PlatformEvent.InitReport(T, "init", 12.5, "success", null)),
                "a successful init has no line of its own");
        assertEquals(List.of("INIT_REPORT Init Duration: 12.50 ms\tPhase: invoke\tStatus: error\tError Type: Runtime.ExitError"),
                PlatformLines.of(new PlatformEvent.InitReport(T, "invoke", 12.5, "error", "Runtime.ExitError")));
    }

    @Test
    void invokeLines() {
        assertEquals(List.of("START RequestId: r1 Version: $LATEST"),
                PlatformLines.of(new PlatformEvent.InvokeStart(T, "r1", "$LATEST")));
        assertEquals(List.of("RequestId: r1 Error: Runtime exited with error: exit status 1", "Runtime.ExitError"),
                PlatformLines.of(new PlatformEvent.InvokeFault(T, "r1", "Runtime.ExitError",
                        "Runtime exited with error: exit status 1")));
        assertEquals(List.of("2026-12-01T10:00:00.123Z r1 Task timed out after 3.00 seconds"),
                PlatformLines.of(new PlatformEvent.InvokeTimeout(T, "r1", 3.0)));
        assertEquals(List.of("END RequestId: r1", "REPORT RequestId: r1\tDuration: 2.89 ms\tBilled Duration: 3 ms\t"
                        + "Memory Size: 128 MB\tMax Memory Used: 14 MB\tInit Duration: 170.07 ms\tStatus: timeout\t"),
                PlatformLines.of(new PlatformEvent.InvokeReport(T, "r1", 2.89, 3, 128, 14, 170.07, "timeout", null)));
    }

    @Test
    void eventsOfAnInvokeNameIt() {
        assertEquals("r1", new PlatformEvent.InvokeStart(T, "r1", "1").requestId());
        assertEquals(null, new PlatformEvent.InitStart(T, "init", "v", "arn").requestId());
    }

    @Test
    void theLogStreamHoldsEveryOutputLineAndNoneOfTheOtherEvents() {
        List<String> printed = new java.util.ArrayList<>();
        var listener = PlatformLines.printedTo(printed::add);
        listener.on(new PlatformEvent.LogLine(T, "function", null, "r1", "hello from the handler"));
        listener.on(new PlatformEvent.LogLine(T, "extension", "watcher", null, "watching"));
        listener.on(new PlatformEvent.InvokeRuntimeDone(T, "r1", "success", null, 1.5, 12, 0.4, 0.1));
        listener.on(new PlatformEvent.ExtensionRegistered(T, "watcher", "external", "Registered", List.of("INVOKE")));
        listener.on(new PlatformEvent.ShutdownStart(T, "spindown", 1));
        assertEquals(List.of("hello from the handler", "watching"), printed);
    }

    @Test
    void aFunctionsOwnErrorIsNotNamedOnTheReportLine() {
        assertEquals(List.of("END RequestId: r1", "REPORT RequestId: r1\tDuration: 2.89 ms\tBilled Duration: 3 ms\t"
                        + "Memory Size: 128 MB\tMax Memory Used: 14 MB\t"),
                PlatformLines.of(new PlatformEvent.InvokeReport(T, "r1", 2.89, 3, 128, 14, null, "error",
                        "Function.Unhandled", true)));
    }

    @Test
    void snapStartLines() {
        assertEquals(List.of("INIT_REPORT Init Duration: 12.50 ms\tPhase: init\tStatus: success"),
                PlatformLines.of(new PlatformEvent.InitReport(T, "init", 12.5, "success", null), true),
                "a SnapStart init has its Init Duration in INIT_REPORT");
        assertEquals(List.of("RESTORE_START Runtime Version: java:21.v1\tRuntime Version ARN: arn:x"),
                PlatformLines.of(new PlatformEvent.RestoreStart(T, "java:21.v1", "arn:x"), true));
        assertEquals(List.of("RESTORE_REPORT Restore Duration: 571.67 ms"),
                PlatformLines.of(new PlatformEvent.RestoreReport(T, 571.666, "success", null), true));
        assertEquals(List.of("RESTORE_REPORT Restore Duration: 10000.00 ms\tStatus: timeout"),
                PlatformLines.of(new PlatformEvent.RestoreReport(T, 10_000, "timeout", null), true));
        assertEquals(List.of("RESTORE_REPORT Restore Duration: 3.10 ms\tStatus: error\tError Type: Runtime.Boom"),
                PlatformLines.of(new PlatformEvent.RestoreReport(T, 3.1, "error", "Runtime.Boom"), true));
        assertEquals(List.of(), PlatformLines.of(new PlatformEvent.RestoreRuntimeDone(T, "success", null), true));
        assertEquals(List.of("END RequestId: r1", "REPORT RequestId: r1\tDuration: 2.89 ms\tBilled Duration: 3 ms\t"
                        + "Memory Size: 128 MB\tMax Memory Used: 14 MB\tRestore Duration: 571.67 ms\t"
                        + "Billed Restore Duration: 572 ms\t"),
                PlatformLines.of(new PlatformEvent.InvokeReport(T, "r1", 2.89, 3, 128, 14, null, "success", null,
                        false, null, null, 571.666), true));
    }
}
