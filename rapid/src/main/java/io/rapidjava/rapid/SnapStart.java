package io.rapidjava.rapid;

import java.time.Duration;

/**
 * Lambda SnapStart, when the daemon emulates it ({@code --snapstart}, or {@code AWS_LAMBDA_INITIALIZATION_TYPE=snap-start}
 * in its environment): the runtime is told that initialization type, its {@code restore/next} marks the snapshot
 * point, and the first invoke of each initialised sandbox runs the restore phase first, limited by
 * {@code restoreTimeout}. {@code restores}: how many invokes in a row get a freshly restored sandbox.
 */
public record SnapStart(Duration restoreTimeout, int restores) {

    /** The initialization type Lambda names, in the runtime's environment and in the platform records. */
    public static final String INITIALIZATION_TYPE = "snap-start";
    /** Lambda's: after-restore hooks get 10 s. */
    static final long DEFAULT_RESTORE_TIMEOUT_MS = 10_000;
    static final long MAX_RESTORES = 1_000;

    /** The initialization type of a sandbox whose SnapStart is {@code snapStart} (null: off). */
    public static String initializationType(SnapStart snapStart) {
        return snapStart == null ? "on-demand" : INITIALIZATION_TYPE;
    }

    /**
     * From the daemon's settings: {@code flag} is {@code --snapstart}'s value (null when absent), {@code type} the
     * daemon's own {@code AWS_LAMBDA_INITIALIZATION_TYPE} (empty when unset); null when SnapStart is off.
     */
    static SnapStart parse(String flag, String type, String restoreTimeoutMs, String restores)
            throws ConfigException {
        boolean byType = switch (type.trim()) {
            case "", "on-demand" -> false;
            case INITIALIZATION_TYPE -> true;
            default -> throw new ConfigException("invalid AWS_LAMBDA_INITIALIZATION_TYPE '" + type
                    + "': expected on-demand or snap-start");
        };
        boolean on = flag == null ? byType : ConfigParser.bool("--snapstart", flag);
        long timeout = ConfigParser.bounded("RAPID_RESTORE_TIMEOUT_MS / --restore-timeout-ms", restoreTimeoutMs, 1,
                ConfigParser.MAX_PHASE_MS);
        long count = ConfigParser.bounded("RAPID_SNAPSTART_RESTORES / --snapstart-restores", restores, 1,
                MAX_RESTORES);
        return on ? new SnapStart(Duration.ofMillis(timeout), (int) count) : null;
    }
}
