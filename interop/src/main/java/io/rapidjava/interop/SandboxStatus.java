package io.rapidjava.interop;

import java.time.Instant;
import java.util.List;

/**
 * A sandbox at one moment, as a control API or a test sees it. {@code state} is one of {@code UNINITIALIZED},
 * {@code INITIALIZING}, {@code READY}, {@code INVOKING}, {@code RESETTING}, {@code FAILED} (no live runtime: the
 * next invoke re-initialises), {@code SHUTTING_DOWN}; {@code runtimeState} is the Runtime API state machine's.
 */
public record SandboxStatus(
        String state,
        int generation,
        String runtimeState,
        List<ExtensionStatus> extensions,
        List<String> inFlight,
        int queued,
        Double initDurationMs,
        FatalError lastError,
        Counters counters) {

    public SandboxStatus {
        extensions = List.copyOf(extensions);
        inFlight = List.copyOf(inFlight);
    }

    public record ExtensionStatus(String name, String kind, String state, List<String> events) {
        public ExtensionStatus {
            events = List.copyOf(events);
        }
    }

    /** The last fatal error of a generation (init failure, crash, timeout). */
    public record FatalError(String errorType, String message, Instant time) {
    }

    public record Counters(long invokes, long functionErrors, long timeouts, long refused, long inits,
                           long initFailures) {
    }
}
