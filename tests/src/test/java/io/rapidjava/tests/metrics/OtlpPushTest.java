package io.rapidjava.tests.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The OTLP push, set by the standard variables: the same counts as the scrape reach a receiver decoding
 * {@code ExportMetricsServiceRequest}, with the function as the resource's service and the operator's attributes
 * and headers. The scrape endpoint is on too: both registries get every meter.
 */
@Timeout(90)
class OtlpPushTest {

    @Test
    void theSequencesCountsArePushed(@TempDir Path dir) {
        try (OtlpReceiver receiver = OtlpReceiver.start(0, n -> 200);
             Daemon d = Sequence.daemon(dir).flag("--metrics-address", "127.0.0.1:0")
                     .env("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + receiver.port())
                     .env("OTEL_METRIC_EXPORT_INTERVAL", "250")
                     .env("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=test,team=core")
                     .env("OTEL_EXPORTER_OTLP_HEADERS", "authorization=Bearer%20abc").start()) {
            Sequence.run(d, dir, () -> { });

            Await.until(() -> receiver.last() != null
                            && OtlpReceiver.sum(receiver.last(), "faas.invocations") == Sequence.INVOKES,
                    Sequence.WAIT, () -> receiver.pushes().size() + " pushes\n" + d.describe());
            OtlpReceiver.Push push = receiver.last();
            assertEquals(6, OtlpReceiver.sum(push, "faas.invocations", "outcome", "success"));
            assertEquals(2, OtlpReceiver.sum(push, "faas.invocations", "outcome", "error"));
            assertEquals(1, OtlpReceiver.sum(push, "faas.invocations", "outcome", "timeout"));
            assertEquals(1, OtlpReceiver.sum(push, "faas.errors", "error.type", "Function.Oops"));
            assertEquals(1, OtlpReceiver.sum(push, "faas.timeouts"));
            assertEquals(3, OtlpReceiver.sum(push, "faas.coldstarts"));
            assertEquals(1, OtlpReceiver.sum(push, "rapid.invokes.refused"));
            assertEquals(1, OtlpReceiver.sum(push, "rapid.runtime.restarts", "cause", "timeout"));
            assertEquals(Sequence.INVOKES, OtlpReceiver.histogramCount(push, "faas.invoke_duration",
                    "faas.name", Sequence.FUNCTION));
            // Micrometer names its base units in words (OpenTelemetry's UCUM would say "s")
            assertEquals("seconds", OtlpReceiver.metrics(push, "faas.invoke_duration").getFirst().getUnit());
            assertEquals(3, OtlpReceiver.histogramCount(push, "faas.init_duration"));

            assertEquals(Sequence.FUNCTION, OtlpReceiver.resource(push, "service.name"), "the function by default");
            assertEquals(Sequence.FUNCTION, OtlpReceiver.resource(push, "faas.name"));
            assertEquals("test", OtlpReceiver.resource(push, "deployment.environment"));
            assertEquals("core", OtlpReceiver.resource(push, "team"));
            assertEquals(List.of("Bearer abc"), push.headers().get("Authorization"));
            assertEquals(List.of("application/x-protobuf"), push.headers().get("Content-type"));
            assertTrue(d.stderr().stream().noneMatch(l -> l.contains("OTLP collector")), d::describe);
        }
    }

    @Test
    void theDaemonPushesOnceMoreAsItExits(@TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", "while next; do respond '\"ok\"'; done\n");
        try (OtlpReceiver receiver = OtlpReceiver.start(0, n -> 200);
             Daemon d = Sequence.clean(Daemon.builder())
                     .env("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT", "http://127.0.0.1:" + receiver.port() + "/v1/metrics")
                     .env("OTEL_SERVICE_NAME", "named-service")
                     .command(bootstrap.toString()).start()) {
            assertEquals("\"ok\"", d.invoke("{}").body(), d::describe);
            d.awaitStdout(l -> l.startsWith("REPORT RequestId: "), Sequence.WAIT);
            assertEquals(List.of(), receiver.pushes(), "the first interval is a minute away");
            d.signal("TERM");
            assertEquals(0, d.awaitExit(Sequence.WAIT), d::describe);
            OtlpReceiver.Push last = receiver.last();
            assertTrue(last != null, () -> "no push at exit\n" + d.describe());
            assertEquals(1, OtlpReceiver.sum(last, "faas.invocations", "outcome", "success"));
            assertEquals("named-service", OtlpReceiver.resource(last, "service.name"), "OTEL_SERVICE_NAME wins");
        }
    }
}
