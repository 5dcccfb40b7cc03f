package io.rapidjava.tests.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.tests.metrics.Scrape;
import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The telemetry meters of a subscriber that refuses its first two batches: events delivered as many as it
 * received, two failed sends, every send timed by outcome; it takes INVOKE events too, so each invoke's extension
 * overhead is timed, and while idle it waits in {@code event/next} (state Ready).
 */
@Timeout(120)
class DeliveryMetricsTest {

    private static final String NAME = "metered-subscriber";

    @Test
    void aSubscribersDeliveriesAreMetered(@TempDir Path dir) {
        Path ext = Tel.extDir(dir);
        SubscriberConfig.telemetry(NAME).types("platform").failingFirst(2).install(ext, dir);
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  respond '"ok"'
                done
                """);
        try (Daemon d = Tel.daemon(ext).flag("--metrics-address", "127.0.0.1:0").command(bootstrap.toString())
                .start()) {
            for (int i = 0; i < 3; i++) {
                d.invoke("\"e" + i + "\"");
            }
            Received.awaitReport(d, dir, NAME, Tel.requestId(d, dir, "\"e2\""));
            String[] sub = {"subscriber", NAME, "faas_name", "test_function"};
            Await.until(() -> {
                Scrape s = Scrape.of(d);
                long received = Received.of(dir, NAME).events().stream()
                        .filter(e -> !"platform.logsDropped".equals(e.type())).count();
                return s.counter("rapid_telemetry_events_delivered_total", sub) == received
                        && s.counter("rapid_telemetry_sends_failed_total", sub) == 2;
            }, Tel.WAIT, () -> Scrape.of(d).describe("rapid_telemetry_events_delivered_total") + "\n"
                    + Received.of(dir, NAME).describe() + "\n" + d.describe());
            Scrape s = Scrape.of(d);
            assertEquals(0, s.counter("rapid_telemetry_events_dropped_total", sub));
            assertEquals(2, s.histogramCount("rapid_telemetry_send_duration_seconds", with(sub, "outcome", "failed")));
            assertEquals(Received.of(dir, NAME).batches().size(),
                    s.histogramCount("rapid_telemetry_send_duration_seconds", with(sub, "outcome", "delivered")));
            assertEquals(3, s.histogramCount("rapid_extensions_overhead_seconds", "faas_name", "test_function"));
            assertEquals(1, s.gauge("rapid_extensions", "state", "Ready"));
            assertEquals(1, s.gauge("rapid_next_parked", "caller", "extension"));
        }
    }

    private static String[] with(String[] labels, String... more) {
        String[] all = new String[labels.length + more.length];
        System.arraycopy(labels, 0, all, 0, labels.length);
        System.arraycopy(more, 0, all, labels.length, more.length);
        return all;
    }
}
