package io.rapidjava.tests.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every schema version of both APIs, one subscriber each in one sandbox, all to every type: Telemetry API
 * 2022-07-01 (HTTP), 2022-12-13 (TCP) and 2025-01-29 (HTTP to {@code sandbox}, default buffering), Logs API
 * 2020-08-15 (Java, default buffering) and 2021-03-18 (the bash subscriber). One invoke; each sees it in its
 * version's shape.
 */
@Timeout(120)
class SchemaVersionsTest {

    static final Set<String> ALL = Set.of("platform", "function", "extension");
    /** The event types the Logs API has. */
    static final Set<String> LOGS_TYPES = Set.of("platform.start", "platform.end", "platform.report",
            "platform.runtimeDone", "platform.extension", "platform.logsSubscription", "platform.logsDropped",
            "platform.fault", "function", "extension");

    @TempDir
    static Path dir;
    static Daemon daemon;
    static String id;
    static String answer;

    @BeforeAll
    static void start() {
        Path ext = Tel.extDir(dir);
        SubscriberConfig.telemetry("t-2022-07-01").schema("2022-07-01").install(ext, dir);
        SubscriberConfig.telemetry("t-2022-12-13").schema("2022-12-13").tcp().install(ext, dir);
        SubscriberConfig.telemetry("t-2025-01-29").host("sandbox").buffering(null, null, null).install(ext, dir);
        SubscriberConfig.logs("l-2020-08-15").schema("2020-08-15").buffering(null, null, null).install(ext, dir);
        BashSubscriber.install(ext, dir, "l-2021-03-18", "logs", "2021-03-18", List.copyOf(ALL), false);
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  echo "versions line of $REQUEST_ID"
                  respond "ok:$REQUEST_ID" text/plain
                done
                """);
        daemon = Tel.daemon(ext).command(bootstrap.toString()).start();
        HttpResponse<String> r = daemon.invoke("versions");
        answer = r.body();
        id = answer.substring("ok:".length());
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static void assertSubscribed(String name) {
        assertEquals(List.of("200 \"OK\""), SubscriberLog.awaitSubscriptions(daemon, dir, name, 1), name);
    }

    static Received awaitInvoke(String name, String lastType) {
        return Received.await(daemon, dir, name, r -> r.first(lastType, e -> id.equals(e.requestId())).isPresent()
                && r.line("function", "versions line of " + id).isPresent(), lastType + " of " + id);
    }

    /** What every Telemetry API version has: init events, the subscription, start/runtimeDone/report, the line. */
    static Received assertTelemetry(String name) {
        assertSubscribed(name);
        Received r = awaitInvoke(name, "platform.report");
        r.events().forEach(Shapes::envelope);
        assertEquals("platform.initStart", r.events().getFirst().type(), r::toString);
        Shapes.initStart(r.events().getFirst(), "init");
        Shapes.initRuntimeDone(r.ofType("platform.initRuntimeDone").getFirst(), "init", "success");
        Shapes.initReport(r.ofType("platform.initReport").getFirst(), "init");
        Shapes.subscription(r.first("platform.telemetrySubscription",
                e -> name.equals(e.record().path("name").asText())).orElseThrow(() -> new AssertionError(
                "no platform.telemetrySubscription of " + name + ": " + r)), name, ALL);
        List<Received.Event> invoke = r.ofRequest(id);
        assertEquals(List.of("platform.start", "platform.runtimeDone", "platform.report"),
                invoke.stream().map(Received.Event::type).toList(), r::toString);
        Shapes.start(invoke.get(0), id);
        Shapes.runtimeDone(invoke.get(1), id, "success", null);
        Shapes.report(invoke.get(2), id, "success", null, true);
        assertTrue(r.ofType("platform.end").isEmpty(), () -> "no Logs API names in the Telemetry API: " + r);
        return r;
    }

    @Test
    void telemetry20220701() {
        Received r = assertTelemetry("t-2022-07-01");
        assertEquals(answer.length(), r.ofRequest(id).get(1).record().path("metrics").path("producedBytes").asLong(),
                r::toString);
    }

    @Test
    void telemetry20221213OverTcp() {
        Received r = assertTelemetry("t-2022-12-13");
        Shapes.answered(r.ofRequest(id).get(1), answer.length());
    }

    @Test
    void telemetry20250129WithDefaultBuffering() {
        Received r = assertTelemetry("t-2025-01-29");
        Shapes.answered(r.ofRequest(id).get(1), answer.length());
    }

    /** What both Logs API versions have: their own event names, start/end/report, the subscription, the line. */
    static Received assertLogs(String name, String lastType) {
        assertSubscribed(name);
        Received r = awaitInvoke(name, "platform.report");
        r.events().forEach(Shapes::envelope);
        Set<String> types = Set.copyOf(r.types());
        assertTrue(LOGS_TYPES.containsAll(types), () -> "only Logs API types: " + types + "\n" + r);
        Shapes.subscription(r.first("platform.logsSubscription",
                e -> name.equals(e.record().path("name").asText())).orElseThrow(() -> new AssertionError(
                "no platform.logsSubscription of " + name + ": " + r)), name, ALL);

        List<Received.Event> invoke = r.ofRequest(id);
        assertEquals("platform.start", invoke.getFirst().type(), r::toString);
        assertEquals("$LATEST", invoke.getFirst().record().path("version").asText(null), r::toString);
        assertEquals(List.of("platform.end", "platform.report"),
                invoke.subList(invoke.size() - 2, invoke.size()).stream().map(Received.Event::type).toList(),
                r::toString);
        JsonNode metrics = invoke.getLast().record().path("metrics");
        for (String metric : List.of("durationMs", "billedDurationMs", "memorySizeMB", "maxMemoryUsedMB",
                "initDurationMs")) {
            assertTrue(metrics.path(metric).isNumber(), () -> "metrics." + metric + " of " + invoke.getLast());
        }
        assertEquals(3008, metrics.path("memorySizeMB").asInt(), invoke.getLast()::toString);
        assertEquals(lastType, invoke.get(invoke.size() - 3).type(), r::toString);
        return r;
    }

    @Test
    void logs20200815HasNoRuntimeDone() {
        Received r = assertLogs("l-2020-08-15", "platform.start");
        assertTrue(r.ofType("platform.runtimeDone").isEmpty(), () -> "no platform.runtimeDone in 2020-08-15: " + r);
    }

    @Test
    void logs20210318FromTheBashSubscriberHasRuntimeDone() {
        Received r = assertLogs("l-2021-03-18", "platform.runtimeDone");
        Received.Event done = r.ofRequest(id).get(1);
        assertEquals("platform.runtimeDone", done.type(), r::toString);
        assertEquals("success", done.record().path("status").asText(null), done::toString);
        assertFalse(SubscriberLog.lines(dir, "l-2021-03-18").contains("next-failed"), "the bash subscriber runs on");
    }
}
