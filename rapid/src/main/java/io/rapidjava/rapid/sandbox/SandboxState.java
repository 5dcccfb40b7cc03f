package io.rapidjava.rapid.sandbox;

/** Where the sandbox is in its lifecycle; {@link Sandbox} is the only place that moves it. */
public enum SandboxState {
    /** A generation is starting: runtime launched, waiting for its first {@code next}. */
    INITIALIZING,
    /** Init done, no invoke running: the runtime is (or is about to be) parked in {@code next}. */
    READY,
    /** An invoke is running. */
    INVOKING,
    /** No live runtime: the last generation failed or was reset; the next invoke re-initialises. */
    FAILED,
    /** Stopping for good. */
    SHUTTING_DOWN
}
