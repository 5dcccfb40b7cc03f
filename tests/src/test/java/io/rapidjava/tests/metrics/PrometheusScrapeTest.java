package io.rapidjava.tests.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --metrics-address}: after the known {@link Sequence}, {@code /metrics} holds its exact counts, decoded from
 * the protobuf exposition format; the text formats are negotiated by {@code Accept}.
 */
@Timeout(90)
class PrometheusScrapeTest {

    private static final String[] FN = {"faas_name", Sequence.FUNCTION, "faas_version", "$LATEST"};

    @Test
    void theSequencesCountsAreScraped(@TempDir Path dir) {
        try (Daemon d = Sequence.daemon(dir).flag("--metrics-address", "127.0.0.1:0").start()) {
            AtomicReference<Scrape> whileHeld = new AtomicReference<>();
            Sequence.run(d, dir, () -> whileHeld.set(Scrape.of(d)));

            Scrape held = whileHeld.get();
            assertEquals(1, held.gauge("rapid_invokes_in_flight", FN));
            assertEquals(1, held.gauge("rapid_invokes_queued", FN));
            assertEquals(1, held.counter("rapid_invokes_refused_total", FN), held::toString);

            // the REPORT is out; its meters are recorded as it is emitted, before the line is written
            Scrape s = Scrape.of(d);
            assertEquals(6, s.counter("faas_invocations_total", with("outcome", "success")), () -> s.describe("faas_invocations_total"));
            assertEquals(2, s.counter("faas_invocations_total", with("outcome", "error")));
            assertEquals(1, s.counter("faas_invocations_total", with("outcome", "timeout")));
            assertEquals(1, s.counter("faas_errors_total", with("error_type", "Function.Oops")), () -> s.describe("faas_errors_total"));
            assertEquals(1, s.counter("faas_errors_total", with("error_type", "Runtime.ExitError")));
            assertEquals(2, s.counterSum("faas_errors_total", FN));
            assertEquals(1, s.counter("faas_timeouts_total", FN));
            assertEquals(3, s.counter("faas_coldstarts_total", FN), "the start-up init and two re-inits");
            assertEquals(Sequence.INVOKES, s.histogramCountSum("faas_invoke_duration_seconds", FN));
            assertEquals(6, s.histogramCount("faas_invoke_duration_seconds", with("outcome", "success")));
            assertEquals(1, s.histogramCount("faas_init_duration_seconds", with("phase", "init", "outcome", "success")));
            assertEquals(2, s.histogramCount("faas_init_duration_seconds", with("phase", "invoke", "outcome", "success")));
            assertEquals(Sequence.INVOKES, s.histogramCount("faas_mem_usage_bytes", FN));
            assertEquals(1, s.counter("rapid_runtime_restarts_total", with("cause", "timeout")), () -> s.describe("rapid_runtime_restarts_total"));
            assertEquals(1, s.counter("rapid_runtime_restarts_total", with("cause", "failure")));
            assertEquals(1, s.histogramCount("rapid_shutdown_duration_seconds", with("reason", "timeout")));
            assertEquals(1, s.histogramCount("rapid_shutdown_duration_seconds", with("reason", "failure")));
            assertEquals(1, s.counter("rapid_invokes_refused_total", FN));
            assertEquals(0, s.gauge("rapid_invokes_in_flight", FN));
            assertEquals(0, s.histogramCountSum("rapid_extensions_overhead_seconds", FN), "no extension");
            Await.until(() -> Scrape.of(d).gauge("rapid_next_parked", with("caller", "runtime")) == 1, Sequence.WAIT,
                    () -> "the runtime waits in next\n" + d.describe());
            assertTrue(s.gauge("process_memory_usage_bytes") > 16 << 20, "the daemon's RSS");
            assertTrue(s.has("jvm_memory_used_bytes") && s.has("jvm_gc_pause_seconds"), s::toString);
        }
    }

    @Test
    void theTextFormatsAreNegotiated(@TempDir Path dir) {
        try (Daemon d = Sequence.daemon(dir).flag("--metrics-address", "127.0.0.1:0").start()) {
            d.invoke("{}");
            HttpResponse<byte[]> text = Scrape.get(d, null);
            assertEquals("text/plain; version=0.0.4; charset=utf-8", text.headers().firstValue("Content-Type").orElse(""));
            HttpResponse<byte[]> open = Scrape.get(d, "application/openmetrics-text; version=1.0.0; charset=utf-8");
            assertTrue(open.headers().firstValue("Content-Type").orElse("").startsWith("application/openmetrics-text"),
                    open.headers().map()::toString);
            String body = new String(open.body(), StandardCharsets.UTF_8);
            assertTrue(body.endsWith("# EOF\n"), "OpenMetrics ends with its EOF marker");
            assertEquals(404, get(d, "/other").statusCode());
        }
    }

    private static HttpResponse<byte[]> get(Daemon d, String path) {
        try {
            return Daemon.http().send(java.net.http.HttpRequest.newBuilder(d.metricsUri(path)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String[] with(String... labels) {
        String[] all = new String[FN.length + labels.length];
        System.arraycopy(FN, 0, all, 0, FN.length);
        System.arraycopy(labels, 0, all, FN.length, labels.length);
        return all;
    }
}
