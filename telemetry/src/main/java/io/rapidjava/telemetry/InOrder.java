package io.rapidjava.telemetry;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * The hub's work in the order it was handed over, done by whoever is free to: the caller's own thread (an output
 * pump, a test), or, for the sandbox's event loop, a virtual thread of the hub's. The loop must not encode records:
 * it emits {@code platform.start} and {@code platform.runtimeDone} on an invoke's path, and a subscriber that takes
 * nothing (its queue full) made every invoke pay for records that were then dropped. One lock keeps the order.
 */
final class InOrder {

    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final Object running = new Object();
    private final Context loop;
    private final Thread worker;
    private volatile boolean stopped;

    InOrder(Context loop) {
        this.loop = loop;
        this.worker = Thread.ofVirtual().name("telemetry").start(this::work);
    }

    /** Runs {@code task} after everything handed over before it: now on this thread, or soon for the loop. */
    void submit(Runnable task) {
        pending.add(task);
        if (!stopped && Vertx.currentContext() == loop) {
            LockSupport.unpark(worker);
        } else {
            runPending();
        }
    }

    /** What is handed over from now on runs on the caller's thread; what waits still runs first. */
    void stop() {
        stopped = true;
        LockSupport.unpark(worker);
    }

    private void work() {
        while (!stopped) {
            runPending();
            if (pending.isEmpty() && !stopped) {
                LockSupport.park(this);
            }
        }
        runPending();
    }

    private void runPending() {
        synchronized (running) {
            for (Runnable task; (task = pending.poll()) != null; ) {
                task.run();
            }
        }
    }
}
