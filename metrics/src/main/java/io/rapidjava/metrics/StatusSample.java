package io.rapidjava.metrics;

import io.rapidjava.interop.SandboxStatus;
import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The sandbox's status as its gauges read it: a snapshot taken on the sandbox's thread at the start of a scrape
 * ({@link #refresh}), or when a push reads the first gauge, and kept for the rest of that export
 * ({@link #MAX_AGE_NANOS}). Exports run off the event loop (a scrape on a virtual thread, a push on its own thread),
 * so waiting for the sandbox's thread holds up no invoke.
 */
final class StatusSample {

    static final long MAX_AGE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    /** The sandbox's thread answers in microseconds; this bounds how long a busy one may delay an export. */
    private static final long WAIT_MS = 250;
    static final SandboxStatus NONE = new SandboxStatus("UNINITIALIZED", 0, null, List.of(), List.of(), 0, null, null,
            new SandboxStatus.Counters(0, 0, 0, 0, 0, 0));

    private final Supplier<CompletionStage<SandboxStatus>> source;
    private SandboxStatus last = NONE;
    private long takenAt = Long.MIN_VALUE;
    private volatile boolean lastOnly;

    StatusSample(Supplier<CompletionStage<SandboxStatus>> source) {
        this.source = source;
    }

    /** The snapshot of this export: the last one, unless it is older than {@link #MAX_AGE_NANOS}. */
    synchronized SandboxStatus current() {
        if (takenAt == Long.MIN_VALUE || System.nanoTime() - takenAt > MAX_AGE_NANOS) {
            refresh();
        }
        return last;
    }

    /** From now on the last snapshot stands: the daemon is exiting, and its event loop will answer no more. */
    void keepLast() {
        lastOnly = true;
    }

    /** Takes a snapshot now, so that an export started after an event sees it. */
    synchronized void refresh() {
        // on an event loop, waiting could be for itself: the last snapshot has to do
        if (lastOnly || Context.isOnEventLoopThread()) {
            return;
        }
        long now = System.nanoTime();
        try {
            last = source.get().toCompletableFuture().get(WAIT_MS, TimeUnit.MILLISECONDS);
            takenAt = now;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            // the sandbox is busy or stopping: the last snapshot stands
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
