package io.rapidjava.metrics;

import io.micrometer.registry.otlp.OtlpMetricsSender;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;

/**
 * POSTs each push to the collector (OTLP/HTTP, {@code application/x-protobuf}), on the registry's push thread,
 * within the configured timeout. A failure is never thrown back (Micrometer would log every one): it goes to the
 * {@link Outage}, which says so once per outage; the next interval pushes again.
 */
final class CollectorSender implements OtlpMetricsSender {

    private final HttpClient client;
    private final Duration timeout;
    private final boolean gzip;
    private final Outage outage;

    CollectorSender(Duration timeout, boolean gzip, Outage outage) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.timeout = timeout;
        this.gzip = gzip;
        this.outage = outage;
    }

    @Override
    public void send(Request request) {
        try {
            HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(request.getAddress())).timeout(timeout)
                    .header("Content-Type", "application/x-protobuf");
            request.getHeaders().forEach(post::header);
            byte[] body = request.getMetricsData();
            if (gzip) {
                post.header("Content-Encoding", "gzip");
                body = gzipped(body);
            }
            HttpResponse<String> answer = client.send(post.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() / 100 == 2) {
                outage.delivered();
            } else {
                outage.failed("HTTP " + answer.statusCode() + " " + firstLine(answer.body()));
            }
        } catch (IOException | RuntimeException e) {
            outage.failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static byte[] gzipped(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(data);
        }
        return out.toByteArray();
    }

    private static String firstLine(String body) {
        String line = body.lines().findFirst().orElse("").strip();
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
