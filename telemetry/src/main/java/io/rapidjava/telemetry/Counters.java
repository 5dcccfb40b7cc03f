package io.rapidjava.telemetry;

import java.util.concurrent.atomic.AtomicLong;

/** One extension's delivery counts, kept across its subscriptions; written on any thread, read for metrics. */
final class Counters {

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();

    void delivered(long events) {
        delivered.addAndGet(events);
    }

    void dropped(long events) {
        dropped.addAndGet(events);
    }

    void failedSend() {
        failedSends.incrementAndGet();
    }

    TelemetryHub.Counts snapshot() {
        return new TelemetryHub.Counts(delivered.get(), dropped.get(), failedSends.get());
    }
}
