package io.rapidjava.metrics;

import io.micrometer.core.instrument.Tags;
import io.rapidjava.metrics.Registries.Durations;
import io.rapidjava.rapid.TelemetryFeed;
import io.rapidjava.telemetry.SendObserver;
import io.rapidjava.telemetry.TelemetryHub;

/**
 * Telemetry and Logs API delivery, per subscriber (the extension's name): events delivered and dropped and failed
 * sends, read from the feed's counts when exported, and the time each send took, by outcome. A subscriber's meters
 * are made at its first send, on the sandbox's event loop, which is where every send ends.
 */
final class DeliveryMeters implements SendObserver {

    private static final TelemetryHub.Counts NONE = new TelemetryHub.Counts(0, 0, 0);

    private final Registries registries;
    private final Tags function;
    private final TelemetryFeed feed;
    private final PerValue<Sends> subscribers;

    private record Sends(Durations delivered, Durations failed) {
    }

    DeliveryMeters(Registries registries, Tags function, TelemetryFeed feed) {
        this.registries = registries;
        this.function = function;
        this.feed = feed;
        this.subscribers = new PerValue<>(this::meter);
    }

    @Override
    public void sent(String subscriber, long nanos, boolean delivered) {
        Sends sends = subscribers.get(subscriber);
        (delivered ? sends.delivered() : sends.failed()).recordNanos(nanos);
    }

    private Sends meter(String subscriber) {
        Tags tags = function.and("subscriber", subscriber);
        registries.functionCounter("rapid.telemetry.events.delivered", "Events a telemetry subscriber took", tags,
                feed, f -> counts(f, subscriber).delivered());
        registries.functionCounter("rapid.telemetry.events.dropped",
                "Events a telemetry subscriber lost (its queue was full, or a batch was given up)", tags, feed,
                f -> counts(f, subscriber).dropped());
        registries.functionCounter("rapid.telemetry.sends.failed",
                "Tries to send a telemetry subscriber a batch that failed (each is tried again, up to 8 times)", tags,
                feed, f -> counts(f, subscriber).failedSends());
        String description = "How long sending a telemetry subscriber a batch took, by outcome";
        return new Sends(registries.timer("rapid.telemetry.send.duration", description, tags.and("outcome", "delivered"),
                Buckets.WAITS), registries.timer("rapid.telemetry.send.duration", description,
                tags.and("outcome", "failed"), Buckets.WAITS));
    }

    private static TelemetryHub.Counts counts(TelemetryFeed feed, String subscriber) {
        return feed.counts().getOrDefault(subscriber, NONE);
    }
}
