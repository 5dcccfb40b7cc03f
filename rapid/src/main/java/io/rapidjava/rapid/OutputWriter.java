package io.rapidjava.rapid;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The one thread that writes the daemon's stdout (the function's log stream) and stderr (the daemon's own log),
 * so that no reader of either can stall the event loop, a process pump or the other stream. Each stream has a
 * bounded queue (stdout: 100,000 lines or 4 MiB; stderr: 10,000 lines or 1 MiB); what does not fit is dropped,
 * counted and reported in one line once the stream is written again.
 * <p>
 * Waking the thread is the dearest part of a line (a system call on each side, and on a 2-core VM an
 * inter-processor wake-up). So it is woken only when it sleeps, lines queued on an event loop wake it at most once
 * per millisecond (an invoke's START, END and REPORT go together), and it writes what it finds in one system call
 * per stream. While a stream's reader stalls, the thread retries it every few milliseconds instead of sleeping.
 */
final class OutputWriter {

    private static final long WAKE_DELAY_MILLIS = 1;
    private static final long STALL_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long EXIT_FLUSH_MILLIS = 1000;
    private static final OutputWriter INSTANCE = new OutputWriter();

    private final StdStream stdout = new StdStream("stdout", 1, new LineQueue(100_000, 4L << 20));
    private final StdStream stderr = new StdStream("stderr", 2, new LineQueue(10_000, 1L << 20));
    private final Thread writer;
    /** Set by the writer before it parks with nothing to do; producers that see it unpark it. */
    private volatile boolean idle;
    private final AtomicBoolean wakeScheduled = new AtomicBoolean();
    /** A flush ran out of time: the reader is stalled, and the exit does not wait for it a second time. */
    private volatile boolean flushTimedOut;

    private OutputWriter() {
        writer = Thread.ofPlatform().daemon().name("output").stackSize(256 * 1024).start(this::run);
        // lines logged right before an exit (a port in use, ...) are still written
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("output-flush").unstarted(() -> {
            if (!flushTimedOut) {
                flush(EXIT_FLUSH_MILLIS);
            }
        }));
    }

    static OutputWriter get() {
        return INSTANCE;
    }

    /** Queues one encoded line for stdout; never blocks. */
    void stdout(byte[] line) {
        if (stdout.offer(line)) {
            wake();
        }
    }

    /** Queues one encoded line for stderr; never blocks. */
    void stderr(byte[] line) {
        if (stderr.offer(line)) {
            wake();
        }
    }

    /** Waits (bounded) until every line queued so far on either stream is written. */
    void flush(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        LockSupport.unpark(writer);
        synchronized (this) {
            while (!(stdout.done() && stderr.done())) {
                if (System.nanoTime() - deadline >= 0) {
                    flushTimedOut = true;
                    return;
                }
                try {
                    wait(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void wake() {
        if (!idle) {
            return;
        }
        Context context = Vertx.currentContext();
        if (context == null || !context.isEventLoopContext()) {
            LockSupport.unpark(writer);
        } else if (wakeScheduled.compareAndSet(false, true)) {
            try {
                context.owner().setTimer(WAKE_DELAY_MILLIS, id -> wakeNow());
            } catch (RuntimeException closing) {
                wakeNow();
            }
        }
    }

    private void wakeNow() {
        wakeScheduled.set(false);
        LockSupport.unpark(writer);
    }

    private void run() {
        while (true) {
            try {
                boolean progress = stderr.writeSome() | stdout.writeSome();
                if (progress) {
                    synchronized (this) {
                        notifyAll();
                    }
                } else if (stdout.stalled() || stderr.stalled()) {
                    LockSupport.parkNanos(this, STALL_RETRY_NANOS);
                } else {
                    idle = true;
                    // re-checked after announcing it, so a line offered meanwhile either is seen here or unparks us
                    if (!stdout.ready() && !stderr.ready()) {
                        LockSupport.park(this);
                    }
                    idle = false;
                }
            } catch (Throwable e) {
                // the thread must outlive anything (no memory for a batch, say): report it and go on
                Log.caught("Output writer", e);
                LockSupport.parkNanos(this, STALL_RETRY_NANOS);
            }
        }
    }
}
