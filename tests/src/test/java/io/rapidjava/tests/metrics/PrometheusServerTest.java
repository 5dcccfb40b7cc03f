package io.rapidjava.tests.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Prometheus server (Debian's {@code prometheus} package, which {@code .ci/run} installs) scrapes the daemon
 * after the known {@link Sequence}: its OpenMetrics parser reads the same counts; {@code promtool check metrics}
 * parses the plain text format. Skipped, saying so, where the package is not installed.
 */
@Timeout(120)
class PrometheusServerTest {

    private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void prometheusScrapesTheSequencesCounts(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PROMETHEUS), "no Prometheus server at " + PROMETHEUS
                + " (Debian's prometheus package; .ci/run installs it): the server's scrape is not checked here");
        try (Daemon d = Sequence.daemon(dir).flag("--metrics-address", "127.0.0.1:0").start()) {
            Sequence.run(d, dir, () -> { });
            int port = Loopback.freePort();
            Path config = Files.writeString(dir.resolve("prometheus.yml"), """
                    global:
                      scrape_interval: 1s
                    scrape_configs:
                      - job_name: rapid
                        static_configs:
                          - targets: ["%s"]
                    """.formatted(d.metricsUri("").getAuthority()));
            Process server = new ProcessBuilder(PROMETHEUS.toString(), "--config.file=" + config,
                    "--web.listen-address=127.0.0.1:" + port, "--storage.tsdb.path=" + dir.resolve("data"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
            try {
                URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/query?query=");
                Await.until(() -> value(api, "sum(faas_invocations_total)") == Sequence.INVOKES, Sequence.WAIT,
                        () -> "Prometheus did not scrape the counts\n" + log(dir) + "\n" + d.describe());
                assertEquals(6, value(api, "faas_invocations_total{outcome=\"success\",faas_name=\"metered\"}"));
                assertEquals(1, value(api, "faas_invocations_total{outcome=\"timeout\"}"));
                assertEquals(1, value(api, "faas_errors_total{error_type=\"Function.Oops\"}"));
                assertEquals(3, value(api, "faas_coldstarts_total"));
                assertEquals(Sequence.INVOKES, value(api, "sum(faas_invoke_duration_seconds_count)"));
                assertEquals(Sequence.INVOKES,
                        value(api, "sum(faas_invoke_duration_seconds_bucket{le=\"+Inf\"})"));
                assertEquals(1, value(api, "rapid_invokes_refused_total"));
                assertEquals(1, value(api, "up{job=\"rapid\"}"));
            } finally {
                server.destroy();
                if (!server.waitFor(10, TimeUnit.SECONDS)) {
                    server.destroyForcibly();
                }
            }
        }
    }

    @Test
    void promtoolParsesTheTextFormat(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "no promtool at " + PROMTOOL
                + " (Debian's prometheus package; .ci/run installs it): the text format is not parsed here");
        try (Daemon d = Sequence.daemon(dir).flag("--metrics-address", "127.0.0.1:0").start()) {
            d.invoke("{}");
            Path text = Files.write(dir.resolve("metrics.txt"), Scrape.get(d, null).body());
            Process check = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true)
                    .redirectInput(text.toFile()).start();
            String said = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(check.waitFor(30, TimeUnit.SECONDS));
            // exit 0 (clean) or 3 (lint advice only); a parse error is 1 and says "error while linting"
            assertTrue(check.exitValue() == 0 || check.exitValue() == 3, () -> check.exitValue() + ": " + said);
            List<String> ours = said.lines().filter(l -> l.startsWith("faas_") || l.startsWith("rapid_")).toList();
            assertEquals(List.of(), ours, "promtool's advice on our own meters");
        }
    }

    private static double value(URI api, String query) {
        try {
            HttpResponse<String> answer = Daemon.http().send(HttpRequest.newBuilder(
                            URI.create(api + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode result = JSON.readTree(answer.body()).path("data").path("result");
            return result.isEmpty() ? Double.NaN : result.get(0).path("value").get(1).asDouble();
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String log(Path dir) {
        try {
            String log = Files.readString(dir.resolve("prometheus.log"));
            return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
