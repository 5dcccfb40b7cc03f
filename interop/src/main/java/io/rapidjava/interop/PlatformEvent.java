package io.rapidjava.interop;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * One lifecycle moment, emitted once by the sandbox with its time taken once (microsecond precision): what its
 * listeners (the function's log stream on stdout, the Telemetry API, metrics, embedding hosts) render or count.
 * Durations are in milliseconds; a status is {@code success}, {@code error} or {@code timeout}, and an
 * {@code errorType} is null on success and on a timeout.
 */
public sealed interface PlatformEvent {

    Instant time();

    /** The invoke the event belongs to, or null for the sandbox's own. */
    default String requestId() {
        return null;
    }

    /** The time of an event, taken once where it happens. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** {@code phase} is {@code init} at start-up, {@code invoke} when an invoke re-initialises the sandbox. */
    record InitStart(Instant time, String phase, String runtimeVersion, String runtimeVersionArn)
            implements PlatformEvent {
    }

    /** The runtime finished its init: it asked for its first event, reported an init error, or ran out of time. */
    record InitRuntimeDone(Instant time, String phase, String status, String errorType) implements PlatformEvent {
    }

    record InitReport(Instant time, String phase, double durationMs, String status, String errorType)
            implements PlatformEvent {
    }

    /** {@code traceId}, here and in the invoke's other events: its X-Ray trace header, null when it has none. */
    record InvokeStart(Instant time, String requestId, String version, String traceId) implements PlatformEvent {

        public InvokeStart(Instant time, String requestId, String version) {
            this(time, requestId, version, null);
        }
    }

    /**
     * The runtime is done with an invoke (its answer is in, or it failed): {@code producedBytes} of answer;
     * {@code responseLatencyMs} from the event's delivery to the answer's first byte, {@code responseDurationMs}
     * from there to its last (null when no answer came).
     */
    record InvokeRuntimeDone(Instant time, String requestId, String status, String errorType, double durationMs,
                             long producedBytes, Double responseLatencyMs, Double responseDurationMs, String traceId)
            implements PlatformEvent {

        public InvokeRuntimeDone(Instant time, String requestId, String status, String errorType, double durationMs,
                                 long producedBytes, Double responseLatencyMs, Double responseDurationMs) {
            this(time, requestId, status, errorType, durationMs, producedBytes, responseLatencyMs, responseDurationMs,
                    null);
        }
    }

    /** A failure the platform saw (the runtime or an extension stopped); the message has no request id prefix. */
    record InvokeFault(Instant time, String requestId, String errorType, String message) implements PlatformEvent {
    }

    record InvokeTimeout(Instant time, String requestId, double timeoutSeconds) implements PlatformEvent {
    }

    /**
     * The invoke is closed. {@code initDurationMs} only on the first invoke after a start-up init (never with
     * SnapStart, whose INIT_REPORT has it); {@code restoreDurationMs} only on the first invoke after a restore. {@code
     * functionError}: the status is the function's own error (the runtime reported it), which Lambda's log line
     * does not name, unlike a failure of the platform's. {@code extensionOverheadMs}: how long the extensions that
     * take INVOKE events held the invoke after the runtime was done (part of its duration); null without such an
     * extension. No log line or record names it (the daemon's own log does).
     */
    record InvokeReport(Instant time, String requestId, double durationMs, long billedDurationMs, int memorySizeMb,
                        long maxMemoryUsedMb, Double initDurationMs, String status, String errorType,
                        boolean functionError, Double extensionOverheadMs, String traceId, Double restoreDurationMs)
            implements PlatformEvent {

        public InvokeReport(Instant time, String requestId, double durationMs, long billedDurationMs,
                            int memorySizeMb, long maxMemoryUsedMb, Double initDurationMs, String status,
                            String errorType, boolean functionError, Double extensionOverheadMs, String traceId) {
            this(time, requestId, durationMs, billedDurationMs, memorySizeMb, maxMemoryUsedMb, initDurationMs, status,
                    errorType, functionError, extensionOverheadMs, traceId, null);
        }

        public InvokeReport(Instant time, String requestId, double durationMs, long billedDurationMs,
                            int memorySizeMb, long maxMemoryUsedMb, Double initDurationMs, String status,
                            String errorType, boolean functionError, Double extensionOverheadMs) {
            this(time, requestId, durationMs, billedDurationMs, memorySizeMb, maxMemoryUsedMb, initDurationMs, status,
                    errorType, functionError, extensionOverheadMs, null);
        }

        public InvokeReport(Instant time, String requestId, double durationMs, long billedDurationMs,
                            int memorySizeMb, long maxMemoryUsedMb, Double initDurationMs, String status,
                            String errorType) {
            this(time, requestId, durationMs, billedDurationMs, memorySizeMb, maxMemoryUsedMb, initDurationMs, status,
                    errorType, false);
        }

        public InvokeReport(Instant time, String requestId, double durationMs, long billedDurationMs,
                            int memorySizeMb, long maxMemoryUsedMb, Double initDurationMs, String status,
                            String errorType, boolean functionError) {
            this(time, requestId, durationMs, billedDurationMs, memorySizeMb, maxMemoryUsedMb, initDurationMs, status,
                    errorType, functionError, null);
        }

        /** Lambda bills whole milliseconds, at least one. */
        public static long billed(double durationMs) {
            return Math.max(1, (long) Math.ceil(durationMs));
        }
    }

    /**
     * SnapStart: the restore phase starts (the runtime's {@code restore/next} is answered); it names the runtime as
     * {@link InitStart} does.
     */
    record RestoreStart(Instant time, String runtimeVersion, String runtimeVersionArn) implements PlatformEvent {
    }

    /** SnapStart: the runtime is done restoring: it asked for its first event, reported an error, or ran out of time. */
    record RestoreRuntimeDone(Instant time, String status, String errorType) implements PlatformEvent {
    }

    /** SnapStart: the restore phase is over, {@code durationMs} after it started. */
    record RestoreReport(Instant time, double durationMs, String status, String errorType) implements PlatformEvent {
    }

    /** An extension registered: {@code kind} {@code external} or {@code internal}, the events it subscribed to. */
    record ExtensionRegistered(Instant time, String name, String kind, String state, List<String> events)
            implements PlatformEvent {
        public ExtensionRegistered {
            events = List.copyOf(events);
        }
    }

    /** A generation's shutdown sequence starts: {@code spindown}, {@code timeout} or {@code failure}. */
    record ShutdownStart(Instant time, String reason, int generation) implements PlatformEvent {
    }

    /** A generation's shutdown sequence is done. */
    record ShutdownReport(Instant time, int generation, ShutdownSummary summary) implements PlatformEvent {
    }

    /**
     * One line the runtime ({@code source} {@code function}) or an extension ({@code extension}, with its name)
     * wrote to stdout or stderr; {@code requestId} is the invoke running when it was written, if any.
     */
    record LogLine(Instant time, String source, String name, String requestId, String text) implements PlatformEvent {
    }
}
