package io.rapidjava.telemetry;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetClientOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one listener of a sandbox's platform events that feeds every Telemetry and Logs API subscriber. An event is
 * encoded once per API and schema version in use (on the output pump's thread for a line, on the hub's own thread for
 * the sandbox's own events), then handed to each subscriber whose
 * types take it: a bounded queue of its own ({@link SubscriberQueue}: 10,000 events or 4 MiB),
 * batched by its buffering and sent from the sandbox's event loop, one batch in flight, retried in order after
 * 50 ms doubling to 1 s and given up after 8 tries ({@link Subscriber}; {@link HttpSink}: 5 s for an answer). A
 * slow, failing or dead subscriber only loses its own events (counted, and reported to it as
 * {@code platform.logsDropped} once it takes events again); it never holds up the caller or another subscriber.
 *
 * <p>Made with the first subscription, during an init: what that init produced so far is replayed to each new
 * subscriber ({@link Replay}: at most 10,000 events). Every subscription is announced by a
 * {@code platform.telemetrySubscription} to every subscriber that takes platform events, the new one included
 * (after its replay), and kept in the replay, so a later subscriber learns of the earlier ones too.
 *
 * <p>A second subscription of the same extension replaces the first: the first takes no more events and still
 * sends what it holds (within its retry policy) to its own destination, then closes; the new one starts with the
 * replay, as any new subscriber. The counts of an extension's subscriptions add up.
 */
public final class TelemetryHub implements PlatformListener {

    private final Vertx vertx;
    private final Context context;
    private final InOrder inOrder;
    private final SandboxInfo info;
    private final Object lock = new Object();
    private final Replay replay = new Replay();
    private final Map<String, Subscriber> byName = new LinkedHashMap<>();
    private final Set<Subscriber> retiring = new HashSet<>();
    private final Map<String, Counters> counters = new ConcurrentHashMap<>();
    private volatile Routes routes = Routes.NONE;
    private NetClient netClient;
    private boolean closed;
    private volatile SendObserver sends;

    /**
     * replay: the events of the init so far (in order), replayed to each new subscriber with what comes after them
     * until the init's report (at most {@link Replay#MAX_EVENTS}, 10,000; past that, log lines are not kept). Made
     * during an init, on the sandbox's event loop, whose context delivers.
     */
    public TelemetryHub(Vertx vertx, SandboxInfo info, List<PlatformEvent> replay) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.inOrder = new InOrder();
        this.info = info;
        for (PlatformEvent event : replay) {
            this.replay.record(event, itemOf(event, 0));
        }
    }

    /**
     * Adds the subscription of extension {@code name}, replacing its earlier one. Completes when it is ready: a TCP
     * destination is connected, or the future fails with the reason (for a 400). Call on the event loop.
     */
    public Future<Void> subscribe(String name, Subscription subscription) {
        return onContext(() -> {
            if (closed) {
                return Future.failedFuture("the sandbox's telemetry is closed");
            }
            Sink sink = sinkFor(subscription.destination());
            return sink.open().andThen(ready -> {
                if (ready.succeeded()) {
                    install(new Subscriber(vertx, context, name, subscription, sink,
                            counters.computeIfAbsent(name, n -> new Counters(n, sends))));
                } else {
                    sink.close();
                }
            });
        });
    }

    /**
     * Thread-safe, never blocks the event loop, never throws. An event that comes on an event loop is encoded on
     * the hub's own thread ({@link InOrder}), after what came before it; one from any other thread is encoded on
     * that thread.
     */
    @Override
    public void on(PlatformEvent event) {
        inOrder.submit(() -> publishAll(event));
    }

    private void publishAll(PlatformEvent event) {
        Category category = Category.of(event);
        publish(event, category, itemOf(event, 0));
        if (event instanceof PlatformEvent.InvokeReport) {
            // the Logs API closes an invoke with two records, platform.end and platform.report
            publish(null, category, itemOf(event, 1));
        }
    }

    /**
     * Closes every open batch now and sends it; completes when everything queued so far was delivered or given up,
     * or at the deadline.
     */
    public Future<Void> flush(Duration deadline) {
        return flush(name -> true, deadline);
    }

    /** As {@link #flush(Duration)}, for the subscribers of the extensions {@code which} names only. */
    public Future<Void> flush(Predicate<String> which, Duration deadline) {
        return onContext(() -> {
            List<Future<Void>> flushed = new ArrayList<>();
            byName.values().stream().filter(s -> which.test(s.name())).forEach(s -> flushed.add(s.flush()));
            retiring.stream().filter(s -> which.test(s.name())).forEach(s -> flushed.add(s.flush()));
            Future<?> all = Future.join(flushed);
            if (all.isComplete()) {
                return Future.succeededFuture();
            }
            Promise<Void> done = Promise.promise();
            long timer = vertx.setTimer(Math.max(1, deadline.toMillis()), id -> done.tryComplete());
            all.onComplete(ar -> {
                vertx.cancelTimer(timer);
                done.tryComplete();
            });
            return done.future();
        });
    }

    /** Stops: what is still queued is dropped (counted), sockets and timers closed. */
    public void close() {
        onContext(() -> {
            if (!closed) {
                closed = true;
                synchronized (lock) {
                    routes = Routes.NONE;
                }
                byName.values().forEach(Subscriber::close);
                List.copyOf(retiring).forEach(Subscriber::close);
                if (netClient != null) {
                    netClient.close();
                }
                inOrder.stop();
            }
            return Future.succeededFuture();
        });
    }

    /** For tests and metrics: per extension, events delivered / dropped / failed sends. */
    public Map<String, Counts> counts() {
        Map<String, Counts> counts = new TreeMap<>();
        counters.forEach((name, c) -> counts.put(name, c.snapshot()));
        return counts;
    }

    /** Times every send from now on (metrics); call before the first subscription. */
    public void observeSends(SendObserver observer) {
        sends = observer;
    }

    /** Delivered and dropped count the sandbox's events (not the {@code logsDropped} records); failedSends each try. */
    public record Counts(long delivered, long dropped, long failedSends) {

        public Counts plus(Counts other) {
            return new Counts(delivered + other.delivered, dropped + other.dropped, failedSends + other.failedSends);
        }
    }

    /** The {@code index}th record of an event where its schema has that many: only the Logs API has a second. */
    private Item itemOf(PlatformEvent event, int index) {
        if (index == 0) {
            return (api, schemaVersion) -> Records.encode(event, api, schemaVersion, info);
        }
        return (api, schemaVersion) -> {
            if (api != Api.LOGS) {
                return null;
            }
            List<Envelope> all = Records.encodeAll(event, api, schemaVersion, info);
            return all.size() > index ? all.get(index) : null;
        };
    }

    /**
     * Encodes outside the lock; inside it, the replay and the fan-out see the same subscribers. An item every taker
     * would drop is not encoded.
     */
    private void publish(PlatformEvent event, Category category, Item item) {
        Routes seen = routes;
        if (seen.full(category)) {
            long now = System.nanoTime();
            synchronized (lock) {
                record(event, item);
                routes.dropOrOffer(item, category, now);
            }
            return;
        }
        Envelope[] encoded = seen.encode(item, category);
        long now = System.nanoTime();
        synchronized (lock) {
            record(event, item);
            Routes current = routes;
            if (current != seen) {
                encoded = current.encode(item, category);
            }
            current.offer(encoded, now);
        }
    }

    private void record(PlatformEvent event, Item item) {
        if (event != null) {
            replay.record(event, item);
        } else {
            replay.record(item);
        }
    }

    private void install(Subscriber subscriber) {
        if (closed) {
            subscriber.close();
            return;
        }
        Subscriber earlier;
        List<Item> replayed;
        synchronized (lock) {
            earlier = byName.put(subscriber.name(), subscriber);
            routes = Routes.of(byName.values());
            replayed = replay.snapshot();
        }
        subscriber.start(replayed);
        if (earlier != null) {
            retiring.add(earlier);
            earlier.retire().onComplete(v -> retiring.remove(earlier));
        }
        Set<Category> types = subscriber.subscription().types();
        // the notice is encoded again for each later subscriber's replay: its time is the subscription's
        Instant at = PlatformEvent.now();
        publish(null, Category.PLATFORM,
                (api, schemaVersion) -> Records.subscribed(api, schemaVersion, subscriber.name(), types, at));
    }

    private Sink sinkFor(Destination destination) {
        if (netClient == null) {
            netClient = vertx.createNetClient(new NetClientOptions().setConnectTimeout(1_000));
        }
        return switch (destination.protocol()) {
            case HTTP -> new HttpSink(vertx, netClient, destination);
            case TCP -> new TcpSink(netClient, destination.port());
        };
    }

    /** On the context once the events handed over before it are out, so a flush or a close comes after them. */
    private <T> Future<T> onContext(Supplier<Future<T>> action) {
        Promise<T> promise = Promise.promise();
        inOrder.submit(() -> {
            try {
                context.runOnContext(v -> action.get().onComplete(promise));
            } catch (RejectedExecutionException e) {
                promise.tryFail(e); // Vert.x is closing
            }
        });
        return promise.future();
    }
}
