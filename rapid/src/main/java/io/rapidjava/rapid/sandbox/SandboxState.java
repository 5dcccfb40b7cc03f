package io.rapidjava.rapid.sandbox;

/** Where the sandbox is in its lifecycle; {@link Sandbox} is the only place that moves it. */
public enum SandboxState {
    /**
     * A generation is starting: extensions launched and registering, then the runtime launched, until the
     * runtime and every extension wait for their first event.
     */
    INITIALIZING,
    /** Init done, no invoke running: the runtime is (or is about to be) parked in {@code next}. */
    READY,
    /** An invoke is running. */
    INVOKING,
    /** A failed generation is being shut down (SHUTDOWN events, kills, reaping); invokes wait for it. */
    RESETTING,
    /** No live runtime: the last generation failed or was reset; the next invoke re-initialises. */
    FAILED,
    /** Stopping for good. */
    SHUTTING_DOWN
}
