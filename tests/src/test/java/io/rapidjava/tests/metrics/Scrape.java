package io.rapidjava.tests.metrics;

import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.LabelPair;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.Metric;
import io.prometheus.metrics.expositionformats.generated.com_google_protobuf_4_35_0.Metrics.MetricFamily;
import io.rapidjava.tests.support.Daemon;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One scrape of a daemon's {@code /metrics} in the Prometheus protobuf exposition format, decoded with the
 * Prometheus Java client's own protobuf classes (the client has no text-format parser; a real Prometheus server
 * parses the text formats in {@link PrometheusServerTest}).
 */
public final class Scrape {

    static final String PROTOBUF = "application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; "
            + "encoding=delimited";

    private final Map<String, MetricFamily> families;

    private Scrape(Map<String, MetricFamily> families) {
        this.families = families;
    }

    public static Scrape of(Daemon d) {
        HttpResponse<byte[]> answer = get(d, PROTOBUF);
        if (answer.statusCode() != 200 || !answer.headers().firstValue("Content-Type").orElse("")
                .startsWith("application/vnd.google.protobuf")) {
            throw new AssertionError("scrape: " + answer.statusCode() + " " + answer.headers().map());
        }
        Map<String, MetricFamily> families = new LinkedHashMap<>();
        try (InputStream in = new ByteArrayInputStream(answer.body())) {
            MetricFamily family;
            while ((family = MetricFamily.parseDelimitedFrom(in)) != null) {
                families.put(family.getName(), family);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Scrape(families);
    }

    public static HttpResponse<byte[]> get(Daemon d, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(d.metricsUri("/metrics")).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return Daemon.http().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A counter's value: the sample of {@code name} whose labels include {@code labels} (key, value, ...). */
    public double counter(String name, String... labels) {
        return one(name, labels).getCounter().getValue();
    }

    public double gauge(String name, String... labels) {
        return one(name, labels).getGauge().getValue();
    }

    /** A histogram's sample count (every observation, whatever its bucket). */
    public long histogramCount(String name, String... labels) {
        return one(name, labels).getHistogram().getSampleCount();
    }

    /** The sum over every sample of a counter family whose labels include these. */
    public double counterSum(String name, String... labels) {
        return all(name, labels).stream().mapToDouble(m -> m.getCounter().getValue()).sum();
    }

    public long histogramCountSum(String name, String... labels) {
        return all(name, labels).stream().mapToLong(m -> m.getHistogram().getSampleCount()).sum();
    }

    public boolean has(String name) {
        return families.containsKey(name);
    }

    private Metric one(String name, String... labels) {
        List<Metric> matching = all(name, labels);
        if (matching.size() != 1) {
            throw new AssertionError(matching.size() + " samples of " + name + " with " + List.of(labels) + ": "
                    + describe(name));
        }
        return matching.getFirst();
    }

    private List<Metric> all(String name, String... labels) {
        MetricFamily family = families.get(name);
        if (family == null) {
            throw new AssertionError("no " + name + " in the scrape; it has " + families.keySet());
        }
        List<Metric> matching = new ArrayList<>();
        for (Metric m : family.getMetricList()) {
            Map<String, String> have = m.getLabelList().stream()
                    .collect(Collectors.toMap(LabelPair::getName, LabelPair::getValue));
            boolean all = true;
            for (int i = 0; i + 1 < labels.length; i += 2) {
                all &= labels[i + 1].equals(have.get(labels[i]));
            }
            if (all) {
                matching.add(m);
            }
        }
        return matching;
    }

    public String describe(String name) {
        MetricFamily family = families.get(name);
        return family == null ? "(none)" : family.toString();
    }

    @Override
    public String toString() {
        return families.keySet().toString();
    }
}
