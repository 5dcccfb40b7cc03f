package io.rapidjava.metrics;

import io.micrometer.core.instrument.Tags;
import io.rapidjava.extensions.ExtensionState;
import io.rapidjava.interop.SandboxStatus;
import io.rapidjava.rapid.runtime.RuntimeState;

/**
 * What the sandbox holds at the moment of an export, read from its status: invokes waiting and in flight, the
 * {@code 429}s so far, the long polls parked (the runtime's {@code next}, extensions' {@code event/next}) and the
 * extensions in each state.
 */
final class SandboxGauges {

    private static final String PARKED = "Long polls waiting for an event: the runtime's next, extensions' event/next";

    private final StatusSample sample;

    SandboxGauges(Registries r, Tags function, StatusSample sample) {
        this.sample = sample;
        r.gauge("rapid.invokes.queued", "Invokes waiting for the one in flight", function, this,
                g -> g.status().queued());
        r.gauge("rapid.invokes.in_flight", "Invokes taken and not yet closed", function, this,
                g -> g.status().inFlight().size());
        r.functionCounter("rapid.invokes.refused", "Invokes refused with 429 (the queue was full)", function, this,
                g -> g.status().counters().refused());
        r.gauge("rapid.next.parked", PARKED, function.and("caller", "runtime"), this,
                g -> RuntimeState.Ready.name().equals(g.status().runtimeState()) ? 1 : 0);
        r.gauge("rapid.next.parked", PARKED, function.and("caller", "extension"), this,
                g -> g.extensionsIn(ExtensionState.Ready.name()));
        for (ExtensionState state : ExtensionState.values()) {
            r.gauge("rapid.extensions", "The extensions of the current generation, by state",
                    function.and("state", state.name()), this, g -> g.extensionsIn(state.name()));
        }
    }

    /** The daemon exits: its last push reads the last snapshot. */
    void keepLast() {
        sample.keepLast();
    }

    /** A snapshot for the export about to start (a scrape). */
    void refresh() {
        sample.refresh();
    }

    private SandboxStatus status() {
        return sample.current();
    }

    private long extensionsIn(String state) {
        return status().extensions().stream().filter(e -> e.state().equals(state)).count();
    }
}
