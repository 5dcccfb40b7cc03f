package io.rapidjava.telemetry;

import java.util.concurrent.TimeUnit;

/**
 * A subscription's flush rules: a batch closes at {@code maxItems} events, when the next event would take it past
 * {@code maxBytes} (an event bigger than that goes alone), or {@code timeoutMs} after its first event arrived.
 * Bytes are the envelopes' JSON lengths.
 */
final class Batch {

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

    /** When a batch whose first event arrived at {@code firstArrival} (nanoTime) closes at the latest. */
    long closesAt(long firstArrival) {
        return firstArrival + timeoutNanos;
    }
}
