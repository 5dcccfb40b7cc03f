package io.rapidjava.telemetry;

/**
 * Told of every try to send a subscriber a batch, when it ends (metrics time them). Called on the sandbox's event
 * loop: it must return at once.
 */
@FunctionalInterface
public interface SendObserver {

    /** {@code subscriber}: the extension's name; {@code delivered}: the subscriber took the batch. */
    void sent(String subscriber, long nanos, boolean delivered);
}
