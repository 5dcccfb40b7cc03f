package io.rapidjava.rendering;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Consumer;

/** The lines a platform event puts in the function's log stream, as real Lambda writes them (spec §7.2). */
public final class PlatformLines {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private PlatformLines() {
    }

    /** The function's log stream written line by line to {@code out}: the listener the daemon prints it with. */
    public static PlatformListener printedTo(Consumer<String> out) {
        return printedTo(out, false);
    }

    /** {@code snapStart}: a SnapStart function's, whose successful init has its INIT_REPORT line too. */
    public static PlatformListener printedTo(Consumer<String> out, boolean snapStart) {
        return event -> of(event, snapStart).forEach(out);
    }

    public static List<String> of(PlatformEvent event) {
        return of(event, false);
    }

    public static List<String> of(PlatformEvent event, boolean snapStart) {
        return switch (event) {
            case PlatformEvent.InitStart s -> List.of(LogLines.initStart(s.runtimeVersion(), s.runtimeVersionArn()));
            // a successful on-demand init is reported in REPORT's Init Duration only
            case PlatformEvent.InitReport r -> r.status().equals("success") && !snapStart ? List.of()
                    : List.of(LogLines.initReport(r.durationMs(), r.phase(), r.status(), r.errorType()));
            case PlatformEvent.RestoreStart s ->
                    List.of(LogLines.restoreStart(s.runtimeVersion(), s.runtimeVersionArn()));
            case PlatformEvent.RestoreReport r -> List.of(LogLines.restoreReport(r.durationMs(), r.status(),
                    r.errorType()));
            case PlatformEvent.InvokeStart s -> List.of(LogLines.start(s.requestId(), s.version()));
            case PlatformEvent.InvokeFault f ->
                    List.of("RequestId: " + f.requestId() + " Error: " + f.message(), f.errorType());
            case PlatformEvent.InvokeTimeout t ->
                    List.of(TIME.format(t.time()) + " " + t.requestId() + " " + LogLines.timedOut(t.timeoutSeconds()));
            case PlatformEvent.InvokeReport r -> List.of(LogLines.end(r.requestId()), LogLines.report(r.requestId(),
                    r.durationMs(), r.memorySizeMb(), r.maxMemoryUsedMb(), r.initDurationMs(), r.restoreDurationMs(),
                    r.functionError() ? null : r.status(), r.functionError() ? null : r.errorType()));
            // the rest is for other listeners
            case PlatformEvent.InitRuntimeDone d -> List.of();
            case PlatformEvent.RestoreRuntimeDone d -> List.of();
            case PlatformEvent.InvokeRuntimeDone d -> List.of();
            case PlatformEvent.ExtensionRegistered e -> List.of();
            case PlatformEvent.ShutdownStart s -> List.of();
            case PlatformEvent.ShutdownReport s -> List.of();
            case PlatformEvent.LogLine l -> List.of(l.text());
        };
    }
}
