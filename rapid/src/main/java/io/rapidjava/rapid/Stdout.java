package io.rapidjava.rapid;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The function's log stream: runtime output and platform lines, written to the daemon's stdout by one
 * thread so a slow reader of stdout never stalls the event loop or a process pump.
 * <p>
 * Waking that thread is the dearest part of a line (a system call on each side, and on a 2-core VM an
 * inter-processor wake-up: ~6% of the event loop's time per tiny invoke in perf). So it is woken only when it
 * sleeps, lines queued on the event loop wake it at most once per millisecond (an invoke's START, END and
 * REPORT, and at high rates several invokes', go together), and it writes what it finds in one system call.
 */
public final class Stdout {

    private static final int MAX_PENDING_LINES = 100_000;
    private static final int MAX_BATCH_BYTES = 64 * 1024;
    private static final long WAKE_DELAY_MILLIS = 1;

    private final ConcurrentLinkedQueue<byte[]> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingLines = new AtomicInteger();
    private final OutputStream out = new FileOutputStream(FileDescriptor.out);
    private final Thread writer;
    /** The event loop this was made on (null elsewhere): its lines wake the writer at most once per millisecond. */
    private final Context loop;
    /** Set by the writer before it parks; producers that see it unpark it. */
    private volatile boolean idle;
    /** Event-loop only: a wake-up is already scheduled. */
    private boolean wakeScheduled;
    private long dropped;
    private long queued;
    private long written;

    public Stdout() {
        Context current = Vertx.currentContext();
        loop = current != null && current.isEventLoopContext() ? current : null;
        writer = Thread.ofPlatform().daemon().name("stdout").start(this::run);
    }

    /** Queues one line (a newline is added). Lines beyond the bound are counted and dropped, never blocking. */
    public void line(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (pendingLines.incrementAndGet() > MAX_PENDING_LINES) {
                pendingLines.decrementAndGet();
                dropped++;
                return;
            }
            queued++;
        }
        pending.offer(bytes);
        if (!idle) {
            return;
        }
        if (loop != null && Vertx.currentContext() == loop) {
            if (!wakeScheduled) {
                wakeScheduled = true;
                loop.owner().setTimer(WAKE_DELAY_MILLIS, id -> wakeFromLoop());
            }
        } else {
            LockSupport.unpark(writer);
        }
    }

    /** Waits (bounded) until every queued line is written; used before the daemon exits. */
    public void flush(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        LockSupport.unpark(writer);
        synchronized (this) {
            while (written < queued && System.nanoTime() < deadline) {
                try {
                    wait(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void wakeFromLoop() {
        wakeScheduled = false;
        LockSupport.unpark(writer);
    }

    private void run() {
        byte[] batch = new byte[MAX_BATCH_BYTES];
        while (true) {
            byte[] line = pending.poll();
            if (line == null) {
                idle = true;
                // re-checked after announcing it, so a line offered meanwhile either is seen here or unparks us
                if (pending.isEmpty()) {
                    LockSupport.park(this);
                }
                idle = false;
                continue;
            }
            int lines = 0;
            int len = 0;
            try {
                while (line != null) {
                    lines++;
                    if (line.length > batch.length - len) {
                        out.write(batch, 0, len);
                        len = 0;
                    }
                    if (line.length > batch.length) {
                        out.write(line);
                    } else {
                        System.arraycopy(line, 0, batch, len, line.length);
                        len += line.length;
                    }
                    line = len < batch.length ? pending.poll() : null;
                }
                out.write(batch, 0, len);
            } catch (IOException e) {
                // stdout is gone: what is queued can never be written, so count it as done
                lines += drop();
            }
            written(lines);
        }
    }

    private int drop() {
        int n = 0;
        while (pending.poll() != null) {
            n++;
        }
        return n;
    }

    private void written(int lines) {
        pendingLines.addAndGet(-lines);
        long lost;
        synchronized (this) {
            lost = dropped;
            dropped = 0;
            written += lines;
            notifyAll();
        }
        if (lost > 0) {
            Log.warn("stdout is not keeping up: " + lost + " log lines dropped");
        }
    }
}
