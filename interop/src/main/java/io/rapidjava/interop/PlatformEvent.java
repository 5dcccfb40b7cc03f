package io.rapidjava.interop;

import java.time.Instant;

/**
 * One lifecycle moment, emitted once by the sandbox with its time taken once: what its listeners (the function's log
 * stream on stdout today; the Telemetry API, metrics and embedding hosts next) render or count. Durations are in
 * milliseconds; a status is {@code success}, {@code error} or {@code timeout}.
 */
public sealed interface PlatformEvent {

    Instant time();

    /** The invoke the event belongs to, or null for the sandbox's own. */
    default String requestId() {
        return null;
    }

    record InitStart(Instant time, String phase, String runtimeVersion, String runtimeVersionArn)
            implements PlatformEvent {
    }

    /** {@code errorType} is null on success and on a timeout. */
    record InitReport(Instant time, String phase, double durationMs, String status, String errorType)
            implements PlatformEvent {
    }

    record InvokeStart(Instant time, String requestId, String version) implements PlatformEvent {
    }

    /** A failure the platform saw (the runtime or an extension stopped); the message has no request id prefix. */
    record InvokeFault(Instant time, String requestId, String errorType, String message) implements PlatformEvent {
    }

    record InvokeTimeout(Instant time, String requestId, double timeoutSeconds) implements PlatformEvent {
    }

    /** The invoke is closed. {@code initDurationMs} only on the first invoke after a start-up init. */
    record InvokeReport(Instant time, String requestId, double durationMs, int memorySizeMb, long maxMemoryUsedMb,
                        Double initDurationMs, String status, String errorType) implements PlatformEvent {
    }
}
