package io.rapidjava.telemetry;

import static io.rapidjava.telemetry.Fixtures.await;
import static io.rapidjava.telemetry.Fixtures.bySize;
import static io.rapidjava.telemetry.Fixtures.http;
import static io.rapidjava.telemetry.Fixtures.line;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.telemetry.Listeners.Raw;
import io.rapidjava.telemetry.Listeners.Raw.Reply;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How a subscriber's answers end its POSTs, written byte for byte: bodies of every framing, interim answers, a
 * connection kept or closed, and answers that fail a try (not HTTP, none at all, the connection closed instead).
 */
class HttpAnswersTest {

    private static final Reply OK_EMPTY = new Reply("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", true, false);

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

    private static List<String> lines(int n) {
        return IntStream.range(0, n).mapToObj(i -> "line " + i).toList();
    }

    /** 1000 lines in batches of 100 (and the subscription's notice), flushed; the lines the listener kept. */
    private List<String> deliver(Raw listener) throws Exception {
        await(hub.subscribe("ext", http(listener.port(), bySize(100, 1 << 20))));
        lines(1000).forEach(t -> hub.on(line(t)));
        await(hub.flush(Duration.ofSeconds(20)));
        return listener.received.names().stream().filter(n -> !n.equals("platform.telemetrySubscription")).toList();
    }

    @Test
    void answersWithABodyOfAnyFramingEndTheirPostAndKeepTheConnection() throws Exception {
        String[] answers = {
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 202 Accepted\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\n!!!\r\n0\r\n\r\n",
                "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
                "HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n",
        };
        try (Raw listener = new Raw(n -> new Reply(answers[n % answers.length], true, false))) {
            assertEquals(lines(1000), deliver(listener));
            assertEquals(1, listener.connections.get(), "one connection for all");
            assertEquals(new TelemetryHub.Counts(1001, 0, 0), hub.counts().get("ext"), "none failed");
        }
    }

    @Test
    void aBodyEndedByTheConnectionsCloseEndsItsPost() throws Exception {
        try (Raw listener = new Raw(n -> new Reply("HTTP/1.1 200 OK\r\n\r\nall that follows", true, true))) {
            assertEquals(lines(1000), deliver(listener));
            assertEquals(listener.received.batchSizes().size(), listener.connections.get(), "a connection per batch");
            assertEquals(new TelemetryHub.Counts(1001, 0, 0), hub.counts().get("ext"), "none failed");
        }
    }

    @Test
    void anAnswerThatIsNotHttpFailsItsTryAndTheBatchGoesAgainOnANewConnection() throws Exception {
        try (Raw listener = new Raw(n -> n == 2 ? new Reply("HTTP/1.1 OK fine\r\n\r\n", false, false) : OK_EMPTY)) {
            assertEquals(lines(1000), deliver(listener));
            assertEquals(2, listener.connections.get(), "the one it was on is given up");
            assertEquals(new TelemetryHub.Counts(1001, 0, 1), hub.counts().get("ext"));
        }
    }

    @Test
    void aConnectionClosedBeforeTheAnswerFailsItsTry() throws Exception {
        try (Raw listener = new Raw(n -> n == 2 ? new Reply("", false, true) : OK_EMPTY)) {
            assertEquals(lines(1000), deliver(listener));
            assertEquals(2, listener.connections.get());
            assertEquals(new TelemetryHub.Counts(1001, 0, 1), hub.counts().get("ext"));
        }
    }

    @Test
    void noAnswerWithinTheTryTimeoutFailsTheTryAndALateAnswerIsNeverTakenForTheNext() throws Exception {
        try (Raw listener = new Raw(n -> n == 2 ? new Reply(null, false, false) : OK_EMPTY)) {
            long start = System.nanoTime();
            assertEquals(lines(1000), deliver(listener));
            long tookMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(tookMs >= HttpSink.TRY_TIMEOUT_MS, "waited " + tookMs + " ms for the answer");
            assertEquals(2, listener.connections.get(), "the silent one is given up");
            assertEquals(new TelemetryHub.Counts(1001, 0, 1), hub.counts().get("ext"));
        }
    }

    @Test
    void anErrorStatusWithABodyFailsItsTryAndTheConnectionIsKept() throws Exception {
        try (Raw listener = new Raw(n -> n == 2
                ? new Reply("HTTP/1.1 503 Busy\r\nContent-Length: 4\r\n\r\nbusy", false, false) : OK_EMPTY)) {
            assertEquals(lines(1000), deliver(listener));
            assertEquals(1, listener.connections.get());
            assertEquals(new TelemetryHub.Counts(1001, 0, 1), hub.counts().get("ext"));
        }
    }
}
