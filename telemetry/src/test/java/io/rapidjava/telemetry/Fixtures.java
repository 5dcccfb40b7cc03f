package io.rapidjava.telemetry;

import io.rapidjava.interop.PlatformEvent;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Subscriptions, events and waits the delivery tests share. */
final class Fixtures {

    static final String SCHEMA = "2022-12-13";
    static final SandboxInfo INFO = new SandboxInfo("fn", "$LATEST", "arn:aws:lambda:us-east-1:000000000000:function:fn",
            "2025/01/01/[$LATEST]0123456789abcdef", 128, "on-demand");
    static final Set<Category> ALL = Set.of(Category.PLATFORM, Category.FUNCTION, Category.EXTENSION);
    static final Instant TIME = Instant.parse("2025-01-01T12:00:00.123456Z");

    private Fixtures() {
    }

    static Subscription http(int port, Buffering buffering) {
        return http(port, ALL, buffering);
    }

    static Subscription http(int port, Set<Category> types, Buffering buffering) {
        String path = "/telemetry?from=test";
        return new Subscription(Api.TELEMETRY, SCHEMA, new Destination(Destination.Protocol.HTTP,
                "http://sandbox.localdomain:" + port + path, port, path), types, buffering);
    }

    static Subscription tcp(int port, Buffering buffering) {
        return new Subscription(Api.TELEMETRY, SCHEMA, new Destination(Destination.Protocol.TCP, null, port, null),
                ALL, buffering);
    }

    /** Batches closed only by size (or a flush) within a test's time. */
    static Buffering bySize(int maxItems, int maxBytes) {
        return new Buffering(maxItems, maxBytes, 30_000);
    }

    static Buffering quick() {
        return new Buffering(1000, 262_144, 25);
    }

    static PlatformEvent.LogLine line(String text) {
        return new PlatformEvent.LogLine(TIME, "function", null, null, text);
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
