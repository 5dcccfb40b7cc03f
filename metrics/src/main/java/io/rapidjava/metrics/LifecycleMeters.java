package io.rapidjava.metrics;

import io.micrometer.core.instrument.Tags;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import io.rapidjava.metrics.Registries.Count;
import io.rapidjava.metrics.Registries.Durations;
import java.time.Instant;

/**
 * The sandbox's generations: {@code rapid.runtime.restarts}, the inits after the first, by the cause that ended
 * the generation before ({@code timeout}, {@code failure}, or a reset's reason), and {@code rapid.shutdown.duration}
 * by reason, from a shutdown sequence's start to its report. A listener of the sandbox's events, on its thread.
 */
final class LifecycleMeters implements PlatformListener {

    private final PerValue<Count> restarts;
    private final PerValue<Durations> shutdowns;
    /** The reason the last generation ended, until the next init starts; null at the first. */
    private String endedBy;
    private Instant shutdownStarted;
    private String shutdownReason;

    LifecycleMeters(Registries r, Tags function) {
        restarts = new PerValue<>(cause -> r.counter("rapid.runtime.restarts",
                "Inits after the first, by what ended the generation before (timeout, failure, a reset's reason)",
                function.and("cause", cause)));
        shutdowns = new PerValue<>(reason -> r.timer("rapid.shutdown.duration",
                "Shutdown sequences (a reset's or the daemon's last), by reason", function.and("reason", reason),
                Buckets.WAITS));
    }

    @Override
    public void on(PlatformEvent event) {
        switch (event) {
            case PlatformEvent.ShutdownStart s -> {
                endedBy = s.reason();
                shutdownStarted = s.time();
                shutdownReason = s.reason();
            }
            case PlatformEvent.ShutdownReport r -> {
                if (shutdownStarted != null) {
                    shutdowns.get(shutdownReason).recordNanos(nanosBetween(shutdownStarted, r.time()));
                    shutdownStarted = null;
                }
            }
            case PlatformEvent.InitStart s -> {
                if (endedBy != null) {
                    restarts.get(endedBy).increment();
                    endedBy = null;
                }
            }
            default -> {
            }
        }
    }

    private static long nanosBetween(Instant from, Instant to) {
        return Math.max(0, (to.getEpochSecond() - from.getEpochSecond()) * 1_000_000_000L
                + (to.getNano() - from.getNano()));
    }
}
