package io.rapidjava.telemetry;

import java.util.concurrent.TimeUnit;

/**
 * A subscription's flush rules: a batch closes at {@code maxItems} events, when the next event would take it past
 * {@code maxBytes} (an event bigger than that goes alone), or {@code timeoutMs} after its first event arrived.
 * Bytes are the envelopes' JSON lengths. {@code maxBytes} also sizes the subscriber's queue: as in Lambda, a
 * subscription's buffer grows with its buffering settings, so an extension that asks for small batches costs the
 * sandbox less memory.
 */
final class Batch {

    /** How many batches' {@code maxBytes} a subscriber's queue holds besides the batch in flight. */
    static final int QUEUED_BATCHES = 4;

    private final int maxItems;
    private final long maxBytes;
    private final long timeoutNanos;

    Batch(Buffering buffering) {
        this.maxItems = Math.max(1, buffering.maxItems());
        this.maxBytes = Math.max(1, buffering.maxBytes());
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(buffering.timeoutMs());
    }

    /** Whether waiting events of this count and size fill a batch, so it need not wait for its timeout. */
    boolean full(int items, long bytes) {
        return items >= maxItems || bytes >= maxBytes;
    }

    /** Whether one more event of {@code size} bytes fits a batch holding {@code items} events of {@code bytes}. */
    boolean fits(int items, long bytes, int size) {
        return items == 0 || items < maxItems && bytes + size <= maxBytes;
    }

    /** The most bytes the subscriber's queue holds (at least one event is always taken in). */
    long queuedBytes() {
        return Math.min(SubscriberQueue.MAX_BYTES, QUEUED_BATCHES * maxBytes);
    }

    /** When a batch whose first event arrived at {@code firstArrival} (nanoTime) closes at the latest. */
    long closesAt(long firstArrival) {
        return firstArrival + timeoutNanos;
    }
}
