package io.rapidjava.rapid.sandbox;

/**
 * One generation's SnapStart restore: the runtime parked at the snapshot point, then the restore phase the first
 * invoke runs before it is delivered. Event-loop confined; {@link Restores} alone changes it.
 */
final class Restore {
    /** The runtime's {@code restore/next}, until the restore answers it. */
    RestoreNextCall parked;
    boolean started;
    /** Over, whichever way it ended. */
    boolean over;
    long startNanos;
    long timer = -1;
    /** How long a successful restore took, for the first REPORT after it; null until then. */
    Double durationMs;
    boolean durationReported;
}
