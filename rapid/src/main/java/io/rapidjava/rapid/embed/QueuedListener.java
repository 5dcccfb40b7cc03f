package io.rapidjava.rapid.embed;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import io.rapidjava.rapid.Log;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A host's listener behind a bounded queue and a virtual thread of its own, so that a slow or failing listener
 * never holds up the sandbox: events reach it in order; what does not fit is dropped and counted.
 */
final class QueuedListener implements PlatformListener {

    static final int CAPACITY = 65_536;

    private final PlatformListener host;
    private final BlockingQueue<PlatformEvent> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong dropped = new AtomicLong();
    private final Thread thread;
    private volatile boolean closed;

    QueuedListener(PlatformListener host) {
        this.host = host;
        this.thread = Thread.ofVirtual().name("platform-listener").start(this::deliver);
    }

    @Override
    public void on(PlatformEvent event) {
        if (!closed && !queue.offer(event) && dropped.getAndIncrement() == 0) {
            Log.warn("A platform event listener is not keeping up: events are dropped");
        }
    }

    /** Stops delivering: what is still queued is dropped. */
    void close() {
        closed = true;
        thread.interrupt();
    }

    long dropped() {
        return dropped.get();
    }

    private void deliver() {
        while (!closed) {
            PlatformEvent event;
            try {
                event = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            try {
                host.on(event);
            } catch (RuntimeException e) {
                Log.error("A platform event listener failed: " + e);
            }
        }
    }
}
