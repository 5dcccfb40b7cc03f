package io.rapidjava.telemetry;

import io.rapidjava.telemetry.SubscriberQueue.Entry;
import io.rapidjava.telemetry.SubscriberQueue.Gap;
import io.rapidjava.telemetry.SubscriberQueue.Taken;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One subscription's delivery. Events are offered from any thread; everything else runs on the sandbox's event
 * loop: a closed batch is sent when none is in flight, and a failed send is tried again, the same batch, so the
 * subscriber never sees events out of order, after a back-off of 50 ms doubling to 1 s. A batch is given up after
 * {@link #MAX_TRIES} tries or when the subscription is closed; its events are counted as dropped and reported
 * ({@code platform.logsDropped}) at the head of the next batch.
 */
final class Subscriber {

    static final int MAX_TRIES = 8;
    private static final long FIRST_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 1_000;

    private record InFlight(Taken taken, Gap carried, List<Envelope> wire) {
    }

    private record Waiter(long upTo, Promise<Void> promise) {
    }

    private final Vertx vertx;
    private final Context context;
    private final String name;
    private final Subscription subscription;
    private final Sink sink;
    private final Counters counters;
    private final SubscriberQueue queue;
    private final AtomicBoolean looking = new AtomicBoolean();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final Promise<Void> closed = Promise.promise();
    private InFlight inFlight;
    private Gap givenUp;
    private boolean retiring;
    private long closeTimer = -1;
    private long retryTimer = -1;
    private long takenUpTo;
    private long settledUpTo;
    private long flushUpTo;

    Subscriber(Vertx vertx, Context context, String name, Subscription subscription, Sink sink, Counters counters) {
        this.vertx = vertx;
        this.context = context;
        this.name = name;
        this.subscription = subscription;
        this.sink = sink;
        this.counters = counters;
        this.queue = new SubscriberQueue(new Batch(subscription.buffering()), counters);
    }

    String name() {
        return name;
    }

    Subscription subscription() {
        return subscription;
    }

    boolean takes(Category category) {
        return subscription.types().contains(category);
    }

    /** Whether an event this subscriber takes would be dropped unseen ({@link SubscriberQueue#full}). */
    boolean full() {
        return queue.full();
    }

    /** Drops an event that was not encoded, if the queue is full; false otherwise. */
    boolean dropIfFull() {
        return queue.dropIfFull();
    }

    /** An event for this subscriber, if its types take it. Any thread; never waits. */
    void offer(Envelope envelope, long now) {
        if (subscription.types().contains(envelope.category()) && queue.offer(envelope, now)) {
            look();
        }
    }

    /**
     * Starts delivering: the replay of the init first, then what came live meanwhile. On the event loop, which
     * encodes the replay for this subscription's schema (at most {@link Replay#MAX_EVENTS} events, once).
     */
    void start(List<Item> replay) {
        List<Envelope> encoded = new ArrayList<>(replay.size());
        for (Item item : replay) {
            Envelope envelope = Routes.encode(item, subscription.api(), subscription.schemaVersion());
            if (envelope != null && subscription.types().contains(envelope.category())) {
                encoded.add(envelope);
            }
        }
        queue.prepend(encoded, System.nanoTime());
        pump();
    }

    /** Completes once everything queued so far was delivered or given up; sends open batches now. */
    Future<Void> flush() {
        long upTo = queue.enqueued();
        if (closed.future().isComplete() || settledUpTo >= upTo) {
            return Future.succeededFuture();
        }
        flushUpTo = Math.max(flushUpTo, upTo);
        Promise<Void> promise = Promise.promise();
        waiters.add(new Waiter(upTo, promise));
        pump();
        return promise.future();
    }

    /** Takes no more events (the hub stopped offering them): sends what it holds, then closes. */
    Future<Void> retire() {
        retiring = true;
        pump();
        return closed.future();
    }

    /** Stops now: what waits is dropped, a batch waiting for its next try is given up. */
    void close() {
        if (closed.future().isComplete()) {
            return;
        }
        vertx.cancelTimer(closeTimer);
        if (vertx.cancelTimer(retryTimer)) {
            giveUp(inFlight, "the subscription is closed");
        }
        queue.clear();
        sink.close();
        waiters.forEach(w -> w.promise().tryComplete());
        waiters.clear();
        closed.complete();
    }

    private void look() {
        if (looking.compareAndSet(false, true)) {
            try {
                context.runOnContext(v -> {
                    looking.set(false);
                    pump();
                });
            } catch (RejectedExecutionException e) {
                // Vert.x is closing: nothing will be delivered, and the caller (an output pump) must not fail
            }
        }
    }

    /** Sends the next batch if one is closed and none is in flight; else waits for the first one to close. */
    private void pump() {
        if (inFlight != null || closed.future().isComplete()) {
            return;
        }
        long closesAt = queue.closesAt();
        if (closesAt == Long.MAX_VALUE) {
            if (retiring) {
                close();
            }
            return;
        }
        long now = System.nanoTime();
        if (closesAt <= now || retiring || flushUpTo > takenUpTo) {
            send(queue.take());
        } else if (closeTimer == -1) {
            long delayMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(closesAt - now + 999_999));
            closeTimer = vertx.setTimer(delayMs, id -> {
                closeTimer = -1;
                pump();
            });
        }
    }

    private void send(Taken taken) {
        takenUpTo = taken.takenUpTo();
        Gap carried = givenUp;
        givenUp = null;
        inFlight = new InFlight(taken, carried, wire(carried, taken));
        attempt(inFlight, 1);
    }

    private void attempt(InFlight batch, int tries) {
        long sentAt = System.nanoTime();
        sink.send(batch.wire()).onComplete(ar -> {
            counters.sent(System.nanoTime() - sentAt, ar.succeeded());
            if (ar.succeeded()) {
                counters.delivered(batch.taken().entries().size());
            } else {
                counters.failedSend();
                if (tries < MAX_TRIES && !closed.future().isComplete()) {
                    retryTimer = vertx.setTimer(backoffMs(tries), id -> {
                        retryTimer = -1;
                        attempt(batch, tries + 1);
                    });
                    return;
                }
                giveUp(batch, ar.cause().getMessage() != null ? ar.cause().getMessage() : ar.cause().toString());
            }
            settled(batch);
        });
    }

    private void settled(InFlight batch) {
        inFlight = null;
        settledUpTo = batch.taken().takenUpTo();
        while (!waiters.isEmpty() && waiters.peek().upTo() <= settledUpTo) {
            waiters.poll().promise().tryComplete();
        }
        pump();
    }

    /** The batch's events are dropped; the next batch starts with a record of them and of the gaps it carried. */
    private void giveUp(InFlight batch, String why) {
        long records = batch.taken().entries().size();
        long bytes = 0;
        for (Entry entry : batch.taken().entries()) {
            bytes += entry.envelope().json().length;
            if (entry.gapBefore() != null) {
                records += entry.gapBefore().records();
                bytes += entry.gapBefore().bytes();
            }
        }
        for (Gap gap : new Gap[] {batch.carried(), batch.taken().gapAfter()}) {
            if (gap != null) {
                records += gap.records();
                bytes += gap.bytes();
            }
        }
        counters.dropped(batch.taken().entries().size());
        givenUp = new Gap(records, bytes, "could not send events: " + why);
    }

    /** The batch as sent: each gap's {@code platform.logsDropped} where it happened. */
    private List<Envelope> wire(Gap carried, Taken taken) {
        List<Envelope> wire = new ArrayList<>(taken.entries().size() + 2);
        addDropped(wire, carried);
        for (Entry entry : taken.entries()) {
            addDropped(wire, entry.gapBefore());
            wire.add(entry.envelope());
        }
        addDropped(wire, taken.gapAfter());
        return wire;
    }

    private void addDropped(List<Envelope> wire, Gap gap) {
        if (gap != null) {
            Envelope record = Records.logsDropped(subscription.api(), subscription.schemaVersion(), gap.records(),
                    gap.bytes(), gap.reason());
            if (record != null) {
                wire.add(record);
            }
        }
    }

    private static long backoffMs(int failedTries) {
        return Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS << Math.min(failedTries - 1, 10));
    }
}
