package io.rapidjava.interop;

/**
 * A listener of a sandbox's platform events, called on the sandbox's event loop in the order they happen: it must
 * return at once (hand slow work to its own queue) and never reach back into the sandbox.
 */
@FunctionalInterface
public interface PlatformListener {

    void on(PlatformEvent event);
}
