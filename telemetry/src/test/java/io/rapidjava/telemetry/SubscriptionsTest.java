package io.rapidjava.telemetry;

import static io.rapidjava.telemetry.Fixtures.TIME;
import static io.rapidjava.telemetry.Fixtures.await;
import static io.rapidjava.telemetry.Fixtures.bySize;
import static io.rapidjava.telemetry.Fixtures.http;
import static io.rapidjava.telemetry.Fixtures.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.interop.PlatformEvent;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Who gets what: TCP subscribers, the init replayed to late subscribers, notices, replacement. */
class SubscriptionsTest {

    private static final PlatformEvent INIT_START = new PlatformEvent.InitStart(TIME, "init", "r", "arn:r");
    private static final String NOTICE = "platform.telemetrySubscription";

    private Vertx vertx;
    private TelemetryHub hub;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
        await(vertx.close());
    }

    private void flush() throws Exception {
        await(hub.flush(Duration.ofSeconds(10)));
    }

    @Test
    void aTcpSubscriberGetsNewlineDelimitedEnvelopesOnOneConnection() throws Exception {
        hub = new TelemetryHub(vertx, Fixtures.INFO, List.of());
        Listeners.Tcp listener = Listeners.tcp(vertx);
        await(hub.subscribe("ext", Fixtures.tcp(listener.port(), bySize(1000, 262_144))));
        List<String> lines = IntStream.range(0, 2500).mapToObj(i -> "line " + i).toList();
        lines.forEach(t -> hub.on(line(t)));
        flush();
        listener.received.awaitCount(2501);
        assertEquals(NOTICE, listener.received.names().getFirst());
        assertEquals(lines, listener.received.names().subList(1, 2501));
        assertEquals(new TelemetryHub.Counts(2501, 0, 0), hub.counts().get("ext"));
    }

    @Test
    void aTcpSubscriberThatDoesNotReadLosesWhatItsQueueCannotHoldAndLearnsOfIt() throws Exception {
        hub = new TelemetryHub(vertx, Fixtures.INFO, List.of());
        Listeners.Tcp listener = Listeners.tcp(vertx, true);
        await(hub.subscribe("ext", Fixtures.tcp(listener.port(), Fixtures.quick())));
        int sent = 30_000;
        String padding = "x".repeat(1000);
        long start = System.nanoTime();
        IntStream.range(0, sent).forEach(i -> hub.on(line(i + " " + padding)));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "on() never waits for the subscriber");
        long dropped = hub.counts().get("ext").dropped();
        assertTrue(dropped > 0, "30 MB cannot wait in 8 MiB and the socket's buffers");

        listener.resume();
        listener.received.await("every line or its drop report", events -> accountedFor(events) == sent);
        long reported = 0;
        int next = 0;
        for (JsonNode event : listener.received.events().subList(1, listener.received.events().size())) {
            if (event.path("type").asText().equals("platform.logsDropped")) {
                next += event.path("record").path("droppedRecords").asInt();
                reported += event.path("record").path("droppedRecords").asInt();
            } else {
                assertEquals(next++, number(event), "each line in order, each report where its lines were");
            }
        }
        assertEquals(dropped, reported);
    }

    private static int number(JsonNode line) {
        return Integer.parseInt(Received.name(line).split(" ")[0]);
    }

    /** Lines received plus lines reported dropped. */
    private static long accountedFor(List<JsonNode> events) {
        return events.stream().mapToLong(e -> switch (e.path("type").asText()) {
            case "function" -> 1;
            case "platform.logsDropped" -> e.path("record").path("droppedRecords").asLong();
            default -> 0;
        }).sum();
    }

    @Test
    void aTcpDestinationThatRefusesFailsTheSubscription() throws Exception {
        hub = new TelemetryHub(vertx, Fixtures.INFO, List.of());
        int port = Listeners.deadPort();
        ExecutionException refused = assertThrows(ExecutionException.class,
                () -> await(hub.subscribe("ext", Fixtures.tcp(port, bySize(1000, 262_144)))));
        assertTrue(refused.getCause().getMessage().startsWith("could not connect: "),
                refused.getCause().getMessage());
        assertEquals(null, hub.counts().get("ext"));
    }

    @Test
    void aLateSubscriberGetsTheInitSoFarThenLiveEventsEachOnce() throws Exception {
        hub = new TelemetryHub(vertx, Fixtures.INFO, List.of(INIT_START, line("before the hub")));
        Listeners.Http early = Listeners.http(vertx);
        Listeners.Http late = Listeners.http(vertx);
        hub.on(new PlatformEvent.ExtensionRegistered(TIME, "early", "external", "Ready", List.of("INVOKE")));
        await(hub.subscribe("early", http(early.port(), bySize(1000, 262_144))));
        hub.on(line("between"));
        await(hub.subscribe("late", http(late.port(), bySize(1000, 262_144))));
        hub.on(new PlatformEvent.InitRuntimeDone(TIME, "init", "success", null));
        flush();

        List<String> init = List.of("platform.initStart", "before the hub", "platform.extension", NOTICE,
                "between", NOTICE, "platform.initRuntimeDone");
        assertEquals(init, early.received.names());
        assertEquals(init, late.received.names());
        assertEquals(List.of("early", "late"), subscribed(late.received.events()));
    }

    @Test
    void theReplayEndsWithTheInitsReport() throws Exception {
        hub = new TelemetryHub(vertx, Fixtures.INFO, List.of(INIT_START));
        hub.on(new PlatformEvent.InitReport(TIME, "init", 12.5, "success", null));
        Listeners.Http after = Listeners.http(vertx);
        await(hub.subscribe("after", http(after.port(), bySize(1000, 262_144))));
        hub.on(line("live"));
        flush();
        assertEquals(List.of(NOTICE, "live"), after.received.names());
    }

    @Test
    void aSubscriptionsNoticeGoesOnlyToSubscribersOfPlatformEvents() throws Exception {
        hub = new TelemetryHub(vertx, Fixtures.INFO, List.of());
        Listeners.Http logsOnly = Listeners.http(vertx);
        await(hub.subscribe("logs", http(logsOnly.port(), java.util.Set.of(Category.FUNCTION),
                bySize(1000, 262_144))));
        hub.on(line("a line"));
        flush();
        assertEquals(List.of("a line"), logsOnly.received.names());
    }

    @Test
    void aSecondSubscriptionReplacesTheFirstWhichStillSendsWhatItHeld() throws Exception {
        hub = new TelemetryHub(vertx, Fixtures.INFO, List.of(INIT_START));
        Listeners.Http first = Listeners.http(vertx);
        Listeners.Http second = Listeners.http(vertx);
        await(hub.subscribe("ext", http(first.port(), bySize(1000, 262_144))));
        hub.on(line("held by the first"));
        await(hub.subscribe("ext", http(second.port(), bySize(1000, 262_144))));
        first.received.awaitCount(3);
        hub.on(line("after the second"));
        flush();

        assertEquals(List.of("platform.initStart", NOTICE, "held by the first"), first.received.names());
        assertEquals(List.of("platform.initStart", NOTICE, "held by the first", NOTICE, "after the second"),
                second.received.names());
        assertEquals(new TelemetryHub.Counts(3 + 5, 0, 0), hub.counts().get("ext"));
    }

    private static List<String> subscribed(List<JsonNode> events) {
        return events.stream().filter(e -> e.path("type").asText().equals(NOTICE))
                .map(e -> e.path("record").path("name").asText()).toList();
    }
}
