package io.rapidjava.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.rapidjava.rapid.Config;
import io.rapidjava.rapid.Log;
import io.rapidjava.rapid.http.Servers;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * {@code GET /metrics} on the metrics address, a server of its own as in-container supervisors have: the Prometheus
 * text format by default, OpenMetrics or the protobuf format when the {@code Accept} header asks for them. A
 * scrape is written on a virtual thread (it reads every meter, and the gauges wait for the sandbox's thread), then
 * answered from the event loop.
 */
final class ScrapeEndpoint {

    static final String PATH = "/metrics";

    private final PrometheusMeterRegistry registry;
    /** Run before each scrape, on its thread: the gauges' snapshot of the sandbox is taken then. */
    private final Runnable beforeScrape;
    private final ExpositionFormats formats = ExpositionFormats.init();

    ScrapeEndpoint(PrometheusMeterRegistry registry, Runnable beforeScrape) {
        this.registry = registry;
        this.beforeScrape = beforeScrape;
    }

    /** Fails with the operator's message when the address cannot be listened on (a port in use). */
    Future<HttpServer> listen(Vertx vertx, Config config, Config.HostPort address) {
        return Servers.frontEnd(vertx, config, "metrics", address, this::handle).recover(e -> Future.failedFuture(
                new IOException("cannot listen on RAPID_METRICS_ADDRESS / --metrics-address " + address + ": "
                        + e.getMessage(), e)));
    }

    private void handle(HttpServerRequest request) {
        if (!request.path().equals(PATH)) {
            request.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                    .end("404 page not found\n");
            return;
        }
        if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
            request.response().setStatusCode(405).putHeader("Allow", "GET, HEAD").end();
            return;
        }
        ExpositionFormatWriter writer = formats.findWriter(request.getHeader("Accept"));
        Context context = Vertx.currentContext();
        Thread.ofVirtual().name("rapid-metrics-scrape").start(() -> {
            Buffer body;
            try {
                beforeScrape.run();
                ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
                writer.write(out, registry.getPrometheusRegistry().scrape());
                body = Buffer.buffer(out.toByteArray());
            } catch (IOException | RuntimeException e) {
                Log.error("A scrape of the metrics failed: " + e);
                context.runOnContext(v -> request.response().setStatusCode(500).end());
                return;
            }
            context.runOnContext(v -> request.response().putHeader("Content-Type", writer.getContentType())
                    .end(body));
        });
    }
}
