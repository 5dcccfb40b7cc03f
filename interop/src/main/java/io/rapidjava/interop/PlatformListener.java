package io.rapidjava.interop;

/**
 * A listener of a sandbox's platform events, called in the order they happen: on the sandbox's thread for lifecycle
 * events, on the process's output thread for its {@link PlatformEvent.LogLine}s. It must return at once (hand slow
 * work to its own bounded queue) and never reach back into the sandbox.
 */
@FunctionalInterface
public interface PlatformListener {

    void on(PlatformEvent event);
}
