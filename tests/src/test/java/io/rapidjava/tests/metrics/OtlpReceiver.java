package io.rapidjava.tests.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntUnaryOperator;
import java.util.zip.GZIPInputStream;

/**
 * A small OTLP/HTTP metrics receiver on loopback: decodes each {@code POST /v1/metrics} as an
 * {@code ExportMetricsServiceRequest} with the OpenTelemetry proto classes and keeps it with its headers; answers
 * with the status {@code statusOf} gives the request's number (from 1).
 */
final class OtlpReceiver implements AutoCloseable {

    record Push(Map<String, List<String>> headers, ExportMetricsServiceRequest request) {
    }

    private final HttpServer server;
    private final List<Push> pushes = new CopyOnWriteArrayList<>();

    private OtlpReceiver(HttpServer server) {
        this.server = server;
    }

    static OtlpReceiver start(int port, IntUnaryOperator statusOf) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
            OtlpReceiver receiver = new OtlpReceiver(server);
            server.createContext("/v1/metrics", ex -> receiver.take(ex, statusOf));
            server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void take(HttpExchange ex, IntUnaryOperator statusOf) throws IOException {
        try (ex) {
            InputStream body = ex.getRequestBody();
            if ("gzip".equals(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(body);
            }
            pushes.add(new Push(Map.copyOf(ex.getRequestHeaders()), ExportMetricsServiceRequest.parseFrom(body)));
            int status = statusOf.applyAsInt(pushes.size());
            ex.sendResponseHeaders(status, -1);
        }
    }

    int port() {
        return server.getAddress().getPort();
    }

    List<Push> pushes() {
        return List.copyOf(pushes);
    }

    /** The last push, or null before the first. */
    Push last() {
        List<Push> all = pushes();
        return all.isEmpty() ? null : all.getLast();
    }

    /** A resource attribute of a push's first resource. */
    static String resource(Push push, String key) {
        return push.request().getResourceMetrics(0).getResource().getAttributesList().stream()
                .filter(kv -> kv.getKey().equals(key)).map(kv -> kv.getValue().getStringValue()).findFirst()
                .orElse(null);
    }

    /** Every metric of a push named {@code name}. */
    static List<Metric> metrics(Push push, String name) {
        List<Metric> found = new ArrayList<>();
        for (ResourceMetrics rm : push.request().getResourceMetricsList()) {
            for (ScopeMetrics sm : rm.getScopeMetricsList()) {
                sm.getMetricsList().stream().filter(m -> m.getName().equals(name)).forEach(found::add);
            }
        }
        return found;
    }

    /** The sum of a counter's points whose attributes include these (key, value, ...). */
    static double sum(Push push, String name, String... attributes) {
        double total = 0;
        for (Metric m : metrics(push, name)) {
            for (NumberDataPoint p : m.getSum().getDataPointsList()) {
                if (matches(p.getAttributesList(), attributes)) {
                    total += p.getAsDouble();
                }
            }
        }
        return total;
    }

    /** The count of a histogram's points whose attributes include these. */
    static long histogramCount(Push push, String name, String... attributes) {
        long total = 0;
        for (Metric m : metrics(push, name)) {
            for (var p : m.getHistogram().getDataPointsList()) {
                if (matches(p.getAttributesList(), attributes)) {
                    total += p.getCount();
                }
            }
        }
        return total;
    }

    private static boolean matches(List<KeyValue> have, String... attributes) {
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            String key = attributes[i];
            String value = attributes[i + 1];
            if (have.stream().noneMatch(kv -> kv.getKey().equals(key) && kv.getValue().getStringValue().equals(value))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
