package io.rapidjava.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The registries every meter goes to (Prometheus, OTLP, or both), each meter registered in each, so that recording
 * is a loop over an array: a composite registry would walk a map per recording and allocate its iterator (the
 * daemon runs C1, which does not remove allocations).
 */
final class Registries {

    private final MeterRegistry[] registries;

    Registries(List<MeterRegistry> registries) {
        this.registries = registries.toArray(MeterRegistry[]::new);
    }

    Count counter(String name, String description, Tags tags) {
        Counter[] each = new Counter[registries.length];
        for (int i = 0; i < each.length; i++) {
            each[i] = Counter.builder(name).description(description).tags(tags).register(registries[i]);
        }
        return new Count(each);
    }

    /** A timer whose histogram has these buckets (the limits of its classes, +Inf added). */
    Durations timer(String name, String description, Tags tags, Duration[] buckets) {
        Timer[] each = new Timer[registries.length];
        for (int i = 0; i < each.length; i++) {
            each[i] = Timer.builder(name).description(description).tags(tags).serviceLevelObjectives(buckets)
                    .register(registries[i]);
        }
        return new Durations(each);
    }

    Amounts summary(String name, String description, String baseUnit, Tags tags, double[] buckets) {
        DistributionSummary[] each = new DistributionSummary[registries.length];
        for (int i = 0; i < each.length; i++) {
            each[i] = DistributionSummary.builder(name).description(description).baseUnit(baseUnit).tags(tags)
                    .serviceLevelObjectives(buckets).register(registries[i]);
        }
        return new Amounts(each);
    }

    /** Read when exported; {@code source} is held strongly (Micrometer's own reference is weak). */
    <T> void gauge(String name, String description, Tags tags, T source, ToDoubleFunction<T> value) {
        for (MeterRegistry r : registries) {
            Gauge.builder(name, source, value).description(description).tags(tags).strongReference(true)
                    .register(r);
        }
    }

    /** A counter kept elsewhere (monotonic), read when exported. */
    <T> void functionCounter(String name, String description, Tags tags, T source, ToDoubleFunction<T> value) {
        for (MeterRegistry r : registries) {
            FunctionCounter.builder(name, source, value).description(description).tags(tags).register(r);
        }
    }

    /** One counter in every registry. */
    record Count(Counter[] each) {
        void increment() {
            for (Counter c : each) {
                c.increment();
            }
        }
    }

    /** One timer in every registry. */
    record Durations(Timer[] each) {
        void recordMillis(double millis) {
            long nanos = (long) (millis * 1_000_000);
            for (Timer t : each) {
                t.record(nanos, TimeUnit.NANOSECONDS);
            }
        }

        void recordNanos(long nanos) {
            for (Timer t : each) {
                t.record(nanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** One distribution summary in every registry. */
    record Amounts(DistributionSummary[] each) {
        void record(double amount) {
            for (DistributionSummary s : each) {
                s.record(amount);
            }
        }
    }
}
