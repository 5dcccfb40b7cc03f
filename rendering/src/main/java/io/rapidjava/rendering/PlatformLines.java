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
        return event -> of(event).forEach(out);
    }

    public static List<String> of(PlatformEvent event) {
        return switch (event) {
            case PlatformEvent.InitStart s -> List.of(LogLines.initStart(s.runtimeVersion(), s.runtimeVersionArn()));
            // a successful init is reported in REPORT's Init Duration only
            case PlatformEvent.InitReport r -> r.status().equals("success") ? List.of()
                    : List.of(LogLines.initReport(r.durationMs(), r.phase(), r.status(), r.errorType()));
            case PlatformEvent.InvokeStart s -> List.of(LogLines.start(s.requestId(), s.version()));
            case PlatformEvent.InvokeFault f ->
                    List.of("RequestId: " + f.requestId() + " Error: " + f.message(), f.errorType());
            case PlatformEvent.InvokeTimeout t ->
                    List.of(TIME.format(t.time()) + " " + t.requestId() + " " + LogLines.timedOut(t.timeoutSeconds()));
            case PlatformEvent.InvokeReport r -> List.of(LogLines.end(r.requestId()), LogLines.report(r.requestId(),
                    r.durationMs(), r.memorySizeMb(), r.maxMemoryUsedMb(), r.initDurationMs(),
                    r.functionError() ? null : r.status(), r.functionError() ? null : r.errorType()));
            // the rest is for other listeners
            case PlatformEvent.InitRuntimeDone d -> List.of();
            case PlatformEvent.InvokeRuntimeDone d -> List.of();
            case PlatformEvent.ExtensionRegistered e -> List.of();
            case PlatformEvent.ShutdownStart s -> List.of();
            case PlatformEvent.ShutdownReport s -> List.of();
            case PlatformEvent.LogLine l -> List.of(l.text());
        };
    }
}
