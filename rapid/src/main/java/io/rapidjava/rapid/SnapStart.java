package io.rapidjava.rapid;

import java.time.Duration;

/**
 * Lambda SnapStart, when the daemon emulates it ({@code --snapstart}, or {@code
 * AWS_LAMBDA_INITIALIZATION_TYPE=snap-start} in its environment; see {@link ConfigParser#snapStart}): the runtime is told that initialization type, its {@code restore/next} marks the snapshot
 * point, and the first invoke of each initialised sandbox runs the restore phase first, limited by
 * {@code restoreTimeout}. {@code restores}: how many invokes in a row get a freshly restored sandbox.
 */
public record SnapStart(Duration restoreTimeout, int restores) {

    /** The initialization type Lambda names, in the runtime's environment and in the platform records. */
    public static final String INITIALIZATION_TYPE = "snap-start";
}
