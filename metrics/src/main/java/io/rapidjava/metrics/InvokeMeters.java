package io.rapidjava.metrics;

import io.micrometer.core.instrument.Tags;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import io.rapidjava.metrics.Registries.Amounts;
import io.rapidjava.metrics.Registries.Count;
import io.rapidjava.metrics.Registries.Durations;

/**
 * The function's meters, named after OpenTelemetry's FaaS semantic conventions so that dashboards made for the
 * OpenTelemetry Lambda layer read them: {@code faas.invocations} (by outcome), {@code faas.errors} (by error type),
 * {@code faas.timeouts}, {@code faas.coldstarts} (an invoke that waited for its generation's init),
 * {@code faas.invoke_duration}, {@code faas.init_duration} and {@code faas.mem_usage} (the runtime's peak memory per
 * invoke); and the extensions' overhead per invoke. A listener of the sandbox's events, on the sandbox's thread:
 * every meter an invoke's report records into is made beforehand (by outcome), so recording an invoke allocates
 * nothing; an init's meter is made at its first report of a phase and outcome.
 */
final class InvokeMeters implements PlatformListener {

    private final Outcomes<Count> invocations;
    private final Outcomes<Durations> invokeDuration;
    private final PerValue<Count> errors;
    private final Count timeouts;
    private final Count coldstarts;
    private final Amounts memory;
    private final Durations extensionOverhead;
    /** By outcome, made at an init's first report of it (an init is not on the invoke's path). */
    private final PerValue<Durations> startUpInit;
    private final PerValue<Durations> invokeInit;
    private boolean initSinceLastInvoke;

    InvokeMeters(Registries r, Tags function) {
        invocations = Outcomes.of(o -> r.counter("faas.invocations",
                "Invokes, by how they ended (success, error, timeout)", function.and("outcome", o)));
        invokeDuration = Outcomes.of(o -> r.timer("faas.invoke_duration",
                "How long invokes took, from being taken to the runtime and the extensions being done",
                function.and("outcome", o), Buckets.DURATIONS));
        errors = new PerValue<>(type -> r.counter("faas.errors", "Invokes that ended in an error, by its type",
                function.and("error.type", type)));
        timeouts = r.counter("faas.timeouts", "Invokes that ran out of time", function);
        coldstarts = r.counter("faas.coldstarts",
                "Invokes that were the first of their runtime (they waited for its init)", function);
        memory = r.summary("faas.mem_usage", "The runtime's peak memory per invoke", "bytes", function,
                Buckets.MEMORY);
        extensionOverhead = r.timer("rapid.extensions.overhead",
                "How long the extensions that take INVOKE events held an invoke after the runtime was done", function,
                Buckets.WAITS);
        startUpInit = initDurations(r, function, "init");
        invokeInit = initDurations(r, function, "invoke");
    }

    private static PerValue<Durations> initDurations(Registries r, Tags function, String phase) {
        return new PerValue<>(o -> r.timer("faas.init_duration",
                "How long inits took, by phase (init at start-up, invoke when an invoke re-initialises) and outcome",
                function.and("phase", phase).and("outcome", o), Buckets.DURATIONS));
    }

    @Override
    public void on(PlatformEvent event) {
        switch (event) {
            case PlatformEvent.InitStart s -> initSinceLastInvoke = true;
            case PlatformEvent.InitReport r -> (r.phase().equals("init") ? startUpInit : invokeInit).get(r.status())
                    .recordMillis(r.durationMs());
            case PlatformEvent.InvokeStart s -> {
                if (initSinceLastInvoke) {
                    initSinceLastInvoke = false;
                    coldstarts.increment();
                }
            }
            case PlatformEvent.InvokeReport r -> report(r);
            default -> {
            }
        }
    }

    private void report(PlatformEvent.InvokeReport r) {
        invocations.get(r.status()).increment();
        invokeDuration.get(r.status()).recordMillis(r.durationMs());
        memory.record(r.maxMemoryUsedMb() * (double) (1 << 20));
        if (r.status().equals("error")) {
            errors.get(r.errorType() == null ? "unknown" : r.errorType()).increment();
        } else if (r.status().equals("timeout")) {
            timeouts.increment();
        }
        if (r.extensionOverheadMs() != null) {
            extensionOverhead.recordMillis(r.extensionOverheadMs());
        }
    }
}
