package io.rapidjava.telemetry;

import static io.rapidjava.telemetry.Fixtures.await;
import static io.rapidjava.telemetry.Fixtures.bySize;
import static io.rapidjava.telemetry.Fixtures.http;
import static io.rapidjava.telemetry.Fixtures.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batches to an HTTP subscriber: closed by items, bytes, timeout or flush; in order through retries. */
class HttpDeliveryTest {

    private Vertx vertx;
    private TelemetryHub hub;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        hub = new TelemetryHub(vertx, Fixtures.INFO, List.of());
    }

    @AfterEach
    void stop() throws Exception {
        hub.close();
        await(vertx.close());
    }

    private static List<String> lines(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "line " + i).toList();
    }

    private void publish(List<String> texts) {
        texts.forEach(t -> hub.on(line(t)));
    }

    /** The events a subscriber got after the hub's own notice of its subscription. */
    private static List<String> sandboxEvents(Listeners.Http listener) {
        return listener.received.names().stream().filter(n -> !n.equals("platform.telemetrySubscription")).toList();
    }

    @Test
    void aBatchClosesAtMaxItemsAndGoesAsAJsonArrayToThePathWithTheGivenHost() throws Exception {
        Listeners.Http listener = Listeners.http(vertx);
        await(hub.subscribe("ext", http(listener.port(), bySize(1000, 1 << 20))));
        publish(lines(0, 2500));
        listener.received.awaitCount(2000);
        assertEquals(List.of(1000, 1000), listener.received.batchSizes(), "the subscription's notice, then lines");

        await(hub.flush(Duration.ofSeconds(10)));
        assertEquals(List.of(1000, 1000, 501), listener.received.batchSizes());
        assertEquals(lines(0, 2500), sandboxEvents(listener));
        assertEquals("sandbox.localdomain:" + listener.port(), listener.hosts.getFirst());
        assertEquals("/telemetry?from=test", listener.uris.getFirst());
        assertEquals("application/json", listener.contentTypes.getFirst());
        assertEquals(new TelemetryHub.Counts(2501, 0, 0), hub.counts().get("ext"));
    }

    @Test
    void batchesGoOneAfterAnotherOnOneConnection() throws Exception {
        Listeners.Http listener = Listeners.http(vertx);
        await(hub.subscribe("ext", http(listener.port(), bySize(1000, 1 << 20))));
        for (int batch = 0; batch < 5; batch++) {
            publish(lines(batch * 10, batch * 10 + 10));
            await(hub.flush(Duration.ofSeconds(10)));
        }
        assertEquals(lines(0, 50), sandboxEvents(listener));
        assertEquals(1, listener.connections.get(), "kept alive between batches");
        assertEquals(new TelemetryHub.Counts(51, 0, 0), hub.counts().get("ext"));
    }

    @Test
    void aSubscriberThatClosesEachConnectionGetsEveryBatchOnANewOneWithoutAFailedSend() throws Exception {
        Listeners.Http listener = Listeners.http(vertx, n -> 200, true);
        await(hub.subscribe("ext", http(listener.port(), bySize(100, 1 << 20))));
        // the batches wait in the queue, so each goes as soon as the one before it is answered
        publish(lines(0, 1000));
        await(hub.flush(Duration.ofSeconds(10)));
        assertEquals(lines(0, 1000), sandboxEvents(listener));
        assertEquals(listener.received.batchSizes().size(), listener.connections.get(), "a connection per batch");
        assertEquals(new TelemetryHub.Counts(1001, 0, 0), hub.counts().get("ext"), "none failed");
    }

    @Test
    void anHttp10SubscriberThatAnswersAndClosesGetsEveryBatchWithoutAFailedSend() throws Exception {
        try (Listeners.Raw listener = Listeners.Raw.http10()) {
            await(hub.subscribe("ext", http(listener.port(), bySize(100, 1 << 20))));
            publish(lines(0, 1000));
            await(hub.flush(Duration.ofSeconds(10)));
            List<String> lines = listener.received.names().stream()
                    .filter(n -> !n.equals("platform.telemetrySubscription")).toList();
            assertEquals(lines(0, 1000), lines);
            assertEquals(listener.received.batchSizes().size(), listener.connections.get(), "a connection per batch");
            assertEquals(new TelemetryHub.Counts(1001, 0, 0), hub.counts().get("ext"), "none failed");
        }
    }

    @Test
    void aBatchClosesBeforeAnEventWouldTakeItPastMaxBytes() throws Exception {
        Listeners.Http listener = Listeners.http(vertx);
        await(hub.subscribe("ext", http(listener.port(), Set.of(Category.FUNCTION), bySize(10_000, 262_144))));
        String text = "x".repeat(1000);
        int size = Records.encode(line(text), Api.TELEMETRY, Fixtures.SCHEMA, Fixtures.INFO).json().length;
        int perBatch = 262_144 / size;
        publish(IntStream.range(0, 2 * perBatch + 7).mapToObj(i -> text).toList());
        listener.received.awaitCount(2 * perBatch);
        await(hub.flush(Duration.ofSeconds(10)));
        assertEquals(List.of(perBatch, perBatch, 7), listener.received.batchSizes());
    }

    @Test
    void aBatchClosesTimeoutMsAfterItsFirstEvent() throws Exception {
        Listeners.Http listener = Listeners.http(vertx);
        await(hub.subscribe("ext", http(listener.port(), new Buffering(1000, 262_144, 200))));
        listener.received.awaitCount(1);
        long first = System.nanoTime();
        publish(lines(0, 3));
        listener.received.awaitCount(4);
        long waitedMs = (System.nanoTime() - first) / 1_000_000;
        assertEquals(List.of(1, 3), listener.received.batchSizes());
        assertTrue(waitedMs >= 190, "sent after " + waitedMs + " ms");
    }

    @Test
    void flushSendsAnOpenBatchBeforeItsTimeoutAndCompletesOnceItIsDelivered() throws Exception {
        Listeners.Http listener = Listeners.http(vertx);
        await(hub.subscribe("ext", http(listener.port(), bySize(1000, 262_144))));
        publish(lines(0, 5));
        long start = System.nanoTime();
        await(hub.flush(Duration.ofSeconds(10)));
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
        assertEquals(lines(0, 5), sandboxEvents(listener), "delivered when flush completes");
        assertEquals(List.of(6), listener.received.batchSizes());
    }

    @Test
    void flushCompletesAtItsDeadlineWhenASubscriberDoesNotAnswer() throws Exception {
        Listeners.Http listener = Listeners.http(vertx, n -> Listeners.HOLD);
        await(hub.subscribe("ext", http(listener.port(), bySize(1000, 262_144))));
        publish(lines(0, 5));
        long start = System.nanoTime();
        await(hub.flush(Duration.ofMillis(300)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs >= 290 && tookMs < 5_000, "took " + tookMs + " ms");
    }

    @Test
    void failedPostsAreTriedAgainAndEveryEventArrivesOnceInOrder() throws Exception {
        Listeners.Http listener = Listeners.http(vertx, n -> n <= 2 ? 500 : 200);
        await(hub.subscribe("ext", http(listener.port(), bySize(1000, 1 << 20))));
        publish(lines(0, 3000));
        await(hub.flush(Duration.ofSeconds(10)));
        assertEquals(lines(0, 3000), sandboxEvents(listener));
        assertEquals(new TelemetryHub.Counts(3001, 0, 2), hub.counts().get("ext"));
    }

    @Test
    void aBatchIsGivenUpAfterItsLastTryAndReportedAheadOfTheNext() throws Exception {
        Listeners.Http listener = Listeners.http(vertx, n -> n <= Subscriber.MAX_TRIES ? 503 : 200);
        await(hub.subscribe("ext", http(listener.port(), bySize(1000, 262_144))));
        hub.on(line("lost"));
        long start = System.nanoTime();
        await(hub.flush(Duration.ofSeconds(10)));
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(tookMs >= 50 + 100 + 200 + 400 + 800 + 1000 + 1000, "backed off for " + tookMs + " ms");
        hub.on(line("kept"));
        await(hub.flush(Duration.ofSeconds(10)));

        assertEquals(List.of("platform.logsDropped", "kept"), listener.received.names());
        var record = listener.received.events().getFirst().path("record");
        assertEquals(2, record.path("droppedRecords").asLong(), "the notice and the line");
        assertEquals("could not send events: the subscriber answered 503", record.path("reason").asText());
        assertEquals(new TelemetryHub.Counts(1, 2, Subscriber.MAX_TRIES), hub.counts().get("ext"));
    }

    @Test
    void aStalledSubscriberLosesWhatItsQueueCannotHoldAndLearnsOfItFirstWhenItRecovers() throws Exception {
        Listeners.Http listener = Listeners.http(vertx, n -> n == 1 ? Listeners.HOLD : 200);
        await(hub.subscribe("ext", http(listener.port(), Fixtures.quick())));
        listener.held.get(10, TimeUnit.SECONDS);

        int sent = SubscriberQueue.MAX_EVENTS + 5_000;
        long start = System.nanoTime();
        publish(lines(0, sent));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "on() never waits for the subscriber");
        assertEquals(5_000, hub.counts().get("ext").dropped(), "the queue holds " + SubscriberQueue.MAX_EVENTS);

        listener.release();
        listener.received.await("the drop report", events -> events.stream()
                .anyMatch(e -> e.path("type").asText().equals("platform.logsDropped")));
        hub.on(line("after"));
        listener.received.await("the line after", events -> Received.name(events.getLast()).equals("after"));

        List<String> got = listener.received.names();
        int report = got.indexOf("platform.logsDropped");
        assertEquals(lines(0, SubscriberQueue.MAX_EVENTS), got.subList(1, report), "everything before the drop");
        assertEquals(List.of("platform.logsDropped", "after"), got.subList(report, got.size()));
        var record = listener.received.events().get(report).path("record");
        assertEquals(5_000, record.path("droppedRecords").asLong());
        // dropped once the queue held its 10,000 events, so not encoded: counted at the queued lines' average size
        long queued = 0;
        for (int i = 0; i < SubscriberQueue.MAX_EVENTS; i++) {
            queued += Records.encode(line("line " + i), Api.TELEMETRY, Fixtures.SCHEMA, Fixtures.INFO).json().length;
        }
        assertEquals(5_000L * (queued / SubscriberQueue.MAX_EVENTS), record.path("droppedBytes").asLong());
        await(hub.flush(Duration.ofSeconds(10)));
        assertEquals(new TelemetryHub.Counts(1 + SubscriberQueue.MAX_EVENTS + 1, 5_000, 0), hub.counts().get("ext"));
    }

    @Test
    void aDeadSubscriberHoldsUpNoOther() throws Exception {
        Listeners.Http alive = Listeners.http(vertx);
        await(hub.subscribe("dead", http(Listeners.deadPort(), Fixtures.quick())));
        await(hub.subscribe("alive", http(alive.port(), Fixtures.quick())));
        publish(lines(0, 5000));
        alive.received.await("every line", events -> sandboxEventsIn(events) == 5000);
        TelemetryHub.Counts dead = hub.counts().get("dead");
        assertTrue(dead.failedSends() >= 1 && dead.dropped() == 0,
                "the dead one still tries its first batch: " + dead);
        assertEquals(List.of("platform.telemetrySubscription", "platform.telemetrySubscription"),
                alive.received.names().subList(0, 2), "the dead one's subscription (replayed), then its own");
        assertEquals(lines(0, 5000), sandboxEvents(alive));
    }

    private static long sandboxEventsIn(List<JsonNode> events) {
        return events.stream().filter(e -> e.path("type").asText().equals("function")).count();
    }
}
