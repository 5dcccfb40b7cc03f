package io.rapidjava.telemetry;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One extension's delivery counts, kept across its subscriptions; written on any thread, read for metrics. Each
 * send's time goes to the hub's {@link SendObserver}, if it has one.
 */
final class Counters {

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private final String name;
    private final SendObserver sends;

    Counters() {
        this(null, null);
    }

    Counters(String name, SendObserver sends) {
        this.name = name;
        this.sends = sends;
    }

    void sent(long nanos, boolean delivered) {
        if (sends != null) {
            sends.sent(name, nanos, delivered);
        }
    }

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
