package io.rapidjava.metrics;

import java.util.function.Consumer;

/**
 * Whether the OTLP collector takes the pushes: one line when an outage starts (the first failed push) and one when
 * it ends, however many pushes fail in between. Called from the push thread.
 */
final class Outage {

    private final String endpoint;
    private final Consumer<String> warn;
    private final Consumer<String> info;
    private long failed;

    Outage(String endpoint, Consumer<String> warn, Consumer<String> info) {
        this.endpoint = endpoint;
        this.warn = warn;
        this.info = info;
    }

    synchronized void failed(String why) {
        if (failed++ == 0) {
            warn.accept("OTLP collector " + endpoint + " does not take the metrics: " + why
                    + " (said once until it does; pushes go on every interval)");
        }
    }

    synchronized void delivered() {
        if (failed > 0) {
            info.accept("OTLP collector " + endpoint + " takes the metrics again, after " + failed + " failed "
                    + (failed == 1 ? "push" : "pushes"));
            failed = 0;
        }
    }
}
