package io.rapidjava.telemetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RoutesTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().await();
    }

    @Test
    void anEventIsEncodedOncePerSchemaAndOnlyWhereASubscriberTakesItsCategory() {
        Routes routes = Routes.of(List.of(
                subscriber("platform-only", Api.TELEMETRY, "2022-12-13", Set.of(Category.PLATFORM)),
                subscriber("everything", Api.TELEMETRY, "2022-12-13", Fixtures.ALL),
                subscriber("lines", Api.TELEMETRY, "2022-07-01", Set.of(Category.FUNCTION))));
        List<String> encodings = new ArrayList<>();
        Item item = (api, schemaVersion) -> {
            encodings.add(api + " " + schemaVersion);
            return new Envelope(Category.FUNCTION, "function", "{}".getBytes(StandardCharsets.UTF_8));
        };

        Envelope[] line = routes.encode(item, Category.FUNCTION);
        assertEquals(List.of("TELEMETRY 2022-12-13", "TELEMETRY 2022-07-01"), encodings, "once per schema");
        assertEquals(2, line.length);

        encodings.clear();
        Envelope[] extension = routes.encode(item, Category.EXTENSION);
        assertEquals(List.of("TELEMETRY 2022-12-13"), encodings, "no subscriber of 2022-07-01 takes extension lines");
        assertNull(extension[1]);

        encodings.clear();
        Routes platformOnly = Routes.of(List.of(
                subscriber("metrics", Api.TELEMETRY, "2022-12-13", Set.of(Category.PLATFORM))));
        assertArrayEquals(new Envelope[] {null}, platformOnly.encode(item, Category.FUNCTION));
        assertEquals(List.of(), encodings, "a chatty function costs a platform-only subscriber no encoding");
    }

    @Test
    void whatEveryTakerWouldDropIsNotEncoded() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        Subscriber stalled = subscriber("stalled", Api.TELEMETRY, "2022-12-13", Set.of(Category.PLATFORM), () -> {
            sending.countDown();
            return Promise.<Void>promise().future();
        });
        Routes routes = Routes.of(List.of(stalled));
        Envelope small = new Envelope(Category.PLATFORM, "platform.x", "{}".getBytes(StandardCharsets.UTF_8));
        // one batch goes in flight and never comes back; the queue fills behind it
        stalled.offer(small, System.nanoTime());
        assertTrue(sending.await(10, TimeUnit.SECONDS), "the first batch is sent");
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!routes.full(Category.PLATFORM) && System.nanoTime() < deadline) {
            stalled.offer(small, System.nanoTime());
        }
        assertTrue(routes.full(Category.PLATFORM), "the queue filled");
        List<String> encodings = new ArrayList<>();
        routes.dropOrOffer((api, schemaVersion) -> {
            encodings.add(schemaVersion);
            return small;
        }, Category.PLATFORM, System.nanoTime());
        assertEquals(List.of(), encodings, "dropped without being encoded");

        Subscriber live = subscriber("live", Api.TELEMETRY, "2022-12-13", Set.of(Category.PLATFORM));
        Routes both = Routes.of(List.of(stalled, live));
        assertFalse(both.full(Category.PLATFORM), "a subscriber with room takes it");
        both.dropOrOffer((api, schemaVersion) -> {
            encodings.add(schemaVersion);
            return small;
        }, Category.PLATFORM, System.nanoTime());
        assertEquals(List.of("2022-12-13"), encodings, "encoded for the one with room");
    }

    private Subscriber subscriber(String name, Api api, String schema, Set<Category> types) {
        return subscriber(name, api, schema, types, Future::succeededFuture);
    }

    private Subscriber subscriber(String name, Api api, String schema, Set<Category> types,
                                  Supplier<Future<Void>> sent) {
        Subscription subscription = new Subscription(api, schema, Fixtures.http(1, Fixtures.quick()).destination(),
                types, Fixtures.quick());
        return new Subscriber(vertx, vertx.getOrCreateContext(), name, subscription, new Sink() {
            @Override
            public Future<Void> open() {
                return Future.succeededFuture();
            }

            @Override
            public Future<Void> send(List<Envelope> batch) {
                return sent.get();
            }

            @Override
            public void close() {
            }
        }, new Counters());
    }
}
