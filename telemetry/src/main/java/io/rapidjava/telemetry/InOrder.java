package io.rapidjava.telemetry;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The hub's work in the order it was handed over. Off the event loop (an output pump, a test) it runs at once on the
 * caller's thread. On an event loop it runs as the loop's next task: the sandbox emits {@code platform.start},
 * {@code platform.runtimeDone} and {@code platform.report} while it answers an invoke, and encoding them there would
 * hold the answer back; done after the current task, the answer is on the wire first. (A thread of the hub's
 * instead costs every event a wake-up of another thread, which measured slower.) One lock keeps the order.
 */
final class InOrder {

    private final ConcurrentLinkedQueue<Runnable> pending = new ConcurrentLinkedQueue<>();
    private final Object running = new Object();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    private volatile boolean stopped;

    /** Runs {@code task} after everything handed over before it: now, or as an event loop's next task. */
    void submit(Runnable task) {
        pending.add(task);
        Context loop = stopped || !Context.isOnEventLoopThread() ? null : Vertx.currentContext();
        if (loop == null) {
            runPending();
        } else if (drainQueued.compareAndSet(false, true)) {
            loop.runOnContext(v -> {
                drainQueued.set(false);
                runPending();
            });
        }
    }

    /** What is handed over from now on runs at once; what waits still runs first. */
    void stop() {
        stopped = true;
    }

    private void runPending() {
        synchronized (running) {
            for (Runnable task; (task = pending.poll()) != null; ) {
                task.run();
            }
        }
    }
}
