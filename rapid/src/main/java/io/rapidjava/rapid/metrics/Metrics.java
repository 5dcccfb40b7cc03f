package io.rapidjava.rapid.metrics;

import io.rapidjava.rapid.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The daemon's meters and exporters, as the daemon drives them. Implemented by the metrics plug-in
 * (rapid-metrics.jar), which {@link MetricsPlugin} loads only when metrics are configured. Called on the daemon's
 * event loop.
 */
public interface Metrics {

    /**
     * Starts exporting the daemon's own meters (its JVM and process): the scrape endpoint listens from here on.
     * Completes with the endpoint's port (-1 without one); fails, with a message for the operator, when it cannot
     * listen.
     */
    Future<Integer> start(Vertx vertx, Config config);

    /** Meters a sandbox the daemon just bound, from before its first init. */
    void bind(MeteredSandbox sandbox);
}
