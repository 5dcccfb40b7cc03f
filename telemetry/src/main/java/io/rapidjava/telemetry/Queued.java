package io.rapidjava.telemetry;

/**
 * What waits in a subscriber's queue: an {@link Envelope}, or a {@link DeferredRecord} encoded when its batch is
 * taken.
 */
interface Queued {

    Category category();

    /** The bytes it counts for in the queue's bounds, the same from its offer to its take. */
    int queuedBytes();

    /** Its envelope; null when it cannot be made (a bug of {@link Records}, which the sandbox must not pay for). */
    Envelope encoded();
}
