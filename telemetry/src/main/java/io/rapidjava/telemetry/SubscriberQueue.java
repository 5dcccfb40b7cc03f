package io.rapidjava.telemetry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The events waiting for one subscriber: offered from any thread (the sandbox's event loop, the output pumps),
 * taken a batch at a time on the event loop. Bounded at {@link #MAX_EVENTS} events or {@link #MAX_BYTES} bytes,
 * whichever comes first (not counting the batch in flight): what does not fit is dropped and counted, and the
 * first event offered after a drop carries the gap, so the subscriber learns of it where it happened. Once the queue
 * is {@link #full} (it holds {@link #MAX_EVENTS}, or one more event of its average size would pass
 * {@link #MAX_BYTES}), what comes is dropped before it is encoded ({@link #dropIfFull}), counted at the queued
 * events' average size: encoding records only to drop them cost every invoke of a stalled subscriber's sandbox, and
 * platform records, about 400 bytes each, fill the bytes first. One bound for all: four batches' {@code maxBytes}
 * (1 MiB by default) was too little slack for a subscriber that keeps up on average with a runtime logging flat
 * out, and it dropped lines.
 */
final class SubscriberQueue {

    static final int MAX_EVENTS = 10_000;
    static final long MAX_BYTES = 4L << 20;
    static final String SLOWER = "Some logs were dropped because the downstream consumer is slower than the logs"
            + " production rate";

    /** Events that were dropped at one place of the stream, and why. */
    record Gap(long records, long bytes, String reason) {
    }

    /** An event, when it arrived (nanoTime), and the gap just before it, if any. */
    record Entry(Envelope envelope, long arrived, Gap gapBefore) {
    }

    /** One batch's entries, a gap after them (events dropped once all of them were queued) and the queue's taken count. */
    record Taken(List<Entry> entries, Gap gapAfter, long takenUpTo) {
    }

    private final Batch rules;
    private final Counters counters;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long bytes;
    private long enqueued;
    private long taken;
    private long droppedRecords;
    private long droppedBytes;

    SubscriberQueue(Batch rules, Counters counters) {
        this.rules = rules;
        this.counters = counters;
    }

    /**
     * Whether what comes is dropped unseen: the queue holds {@link #MAX_EVENTS}, or an event of the queued ones'
     * average size would not fit in {@link #MAX_BYTES}.
     */
    synchronized boolean full() {
        return entries.size() >= MAX_EVENTS || !entries.isEmpty() && bytes + bytes / entries.size() > MAX_BYTES;
    }

    /** Drops an event that was not encoded when the queue is {@link #full}; false (nothing done) otherwise. */
    synchronized boolean dropIfFull() {
        if (!full()) {
            return false;
        }
        droppedRecords++;
        droppedBytes += bytes / entries.size();
        counters.dropped(1);
        return true;
    }

    /**
     * Adds an event or drops it. True when the event loop must look: the queue was empty (a batch's timeout starts)
     * or it now holds a full batch; otherwise it already knows.
     */
    synchronized boolean offer(Envelope envelope, long now) {
        int size = envelope.json().length;
        if (entries.size() >= MAX_EVENTS || !entries.isEmpty() && bytes + size > MAX_BYTES) {
            droppedRecords++;
            droppedBytes += size;
            counters.dropped(1);
            return false;
        }
        boolean wasFull = rules.full(entries.size(), bytes);
        entries.addLast(new Entry(envelope, now, takeGap()));
        bytes += size;
        enqueued++;
        return entries.size() == 1 || !wasFull && rules.full(entries.size(), bytes);
    }

    /** Puts a new subscriber's replay ahead of what came live meanwhile; it comes on top of the bound. */
    synchronized void prepend(List<Envelope> replay, long now) {
        for (Envelope envelope : replay.reversed()) {
            entries.addFirst(new Entry(envelope, now, null));
            bytes += envelope.json().length;
        }
        enqueued += replay.size();
    }

    /** When the next batch closes: now ({@link Long#MIN_VALUE}) when full, never ({@link Long#MAX_VALUE}) when empty. */
    synchronized long closesAt() {
        if (entries.isEmpty()) {
            return Long.MAX_VALUE;
        }
        return rules.full(entries.size(), bytes) ? Long.MIN_VALUE : rules.closesAt(entries.getFirst().arrived());
    }

    /** Takes the next batch (empty when nothing waits). */
    synchronized Taken take() {
        List<Entry> batch = new ArrayList<>(Math.min(entries.size(), 1024));
        long batchBytes = 0;
        while (!entries.isEmpty()) {
            int size = entries.getFirst().envelope().json().length;
            if (!rules.fits(batch.size(), batchBytes, size)) {
                break;
            }
            batch.add(entries.removeFirst());
            batchBytes += size;
        }
        bytes -= batchBytes;
        taken += batch.size();
        return new Taken(batch, entries.isEmpty() ? takeGap() : null, taken);
    }

    /** How many events were ever queued: what a flush waits for. */
    synchronized long enqueued() {
        return enqueued;
    }

    /** Drops everything still waiting (the subscriber is closed), counted. */
    synchronized void clear() {
        counters.dropped(entries.size());
        entries.clear();
        bytes = 0;
    }

    private Gap takeGap() {
        if (droppedRecords == 0) {
            return null;
        }
        Gap gap = new Gap(droppedRecords, droppedBytes, SLOWER);
        droppedRecords = 0;
        droppedBytes = 0;
        return gap;
    }
}
