package io.rapidjava.telemetry;

import io.rapidjava.interop.PlatformEvent;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Run by hand (not a test): log lines through the hub to one HTTP subscriber on loopback that keeps up.
 * {@code DeliveryBench [lines] [rate/s, 0 = flat out] [maxItems] [timeoutMs]}; prints the rate and the drops.
 */
public final class DeliveryBench {

    private static final int WARM_UP = 100_000;
    private static final byte[] FUNCTION = "\"type\":\"function\"".getBytes(StandardCharsets.UTF_8);

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 2_000_000;
        long rate = args.length > 1 ? Long.parseLong(args[1]) : 0;
        int maxItems = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int timeoutMs = args.length > 3 ? Integer.parseInt(args[3]) : 25;
        Vertx vertx = Vertx.vertx();
        AtomicLong received = new AtomicLong();
        CountDownLatch all = new CountDownLatch(1);
        HttpServer server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (received.addAndGet(count(body)) >= lines) {
                all.countDown();
            }
            request.response().end();
        })).listen(0, "127.0.0.1").await();
        TelemetryHub hub = new TelemetryHub(vertx, Fixtures.INFO, java.util.List.of());
        hub.subscribe("bench", Fixtures.http(server.actualPort(), Set.of(Category.FUNCTION),
                new Buffering(maxItems, 262_144, timeoutMs))).toCompletionStage().toCompletableFuture().get();

        String text = "2025-01-01T12:00:00.000Z\t8f3c2a1e-0000-4000-8000-000000000000\tINFO\tprocessed order 12345"
                + " for customer 67890 in 12 ms";
        // warm-up: the JIT, the first connection; then the counts start from here
        produce(hub, text, WARM_UP, 20_000);
        hub.flush(Duration.ofSeconds(30)).toCompletionStage().toCompletableFuture().get();
        TelemetryHub.Counts warm = hub.counts().get("bench");
        System.out.println("warmed up: " + warm);
        received.set(0);
        long tick = vertx.setPeriodic(1000, id -> System.out.println("  received " + received.get() + ", "
                + hub.counts().get("bench")));
        long start = System.nanoTime();
        long cpuStart = cpuNanos();
        produce(hub, text, lines, rate);
        long produced = System.nanoTime();
        hub.flush(Duration.ofSeconds(30));
        boolean done = all.await(20, TimeUnit.SECONDS);
        long end = System.nanoTime();
        double cpuCores = (cpuNanos() - cpuStart) / (double) (end - start);
        TelemetryHub.Counts counts = hub.counts().get("bench");
        System.out.printf("lines %d, paced %s: on() %.0f lines/s; delivered %d in %.3f s = %.0f lines/s;"
                        + " dropped %d, failed sends %d; process CPU %.2f cores (bench server included)%s%n",
                lines, rate == 0 ? "no" : rate + "/s", lines / ((produced - start) / 1e9), received.get(),
                (end - start) / 1e9, received.get() / ((end - start) / 1e9), counts.dropped() - warm.dropped(),
                counts.failedSends() - warm.failedSends(), cpuCores, done ? "" : " (not all delivered)");
        vertx.cancelTimer(tick);
        hub.close();
        vertx.close().await();
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void produce(TelemetryHub hub, String text, int lines, long rate) {
        long periodNanos = rate == 0 ? 0 : 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int i = 0; i < lines; i++) {
            if (periodNanos > 0) {
                long due = start + i * periodNanos;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(50_000);
                }
            }
            hub.on(new PlatformEvent.LogLine(PlatformEvent.now(), "function", null, "8f3c2a1e", text + " #" + i));
        }
    }

    private static long count(Buffer body) {
        byte[] bytes = body.getBytes();
        long n = 0;
        outer:
        for (int i = 0; i + FUNCTION.length <= bytes.length; i++) {
            for (int j = 0; j < FUNCTION.length; j++) {
                if (bytes[i + j] != FUNCTION[j]) {
                    continue outer;
                }
            }
            n++;
            i += FUNCTION.length - 1;
        }
        return n;
    }
}
