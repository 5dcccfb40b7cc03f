package io.rapidjava.rapid;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The function's log stream: runtime output and platform lines, written to the daemon's stdout by one
 * thread so a slow reader of stdout never stalls the event loop or a process pump.
 */
public final class Stdout {

    private static final int MAX_PENDING_LINES = 100_000;

    private final LinkedBlockingQueue<byte[]> pending = new LinkedBlockingQueue<>(MAX_PENDING_LINES);
    private final OutputStream out = new FileOutputStream(FileDescriptor.out);
    private final Thread writer;
    private long dropped;
    private long queued;
    private long written;

    public Stdout() {
        writer = Thread.ofPlatform().daemon().name("stdout").start(this::run);
    }

    /** Queues one line (a newline is added). Lines beyond the bound are counted and dropped, never blocking. */
    public void line(String line) {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (this) {
            if (pending.offer(bytes)) {
                queued++;
            } else {
                dropped++;
            }
        }
    }

    /** Waits (bounded) until every queued line is written; used before the daemon exits. */
    public void flush(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
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

    private void run() {
        byte[][] batch = new byte[64][];
        while (true) {
            try {
                batch[0] = pending.take();
                int n = 1;
                while (n < batch.length && (batch[n] = pending.poll()) != null) {
                    n++;
                }
                for (int i = 0; i < n; i++) {
                    out.write(batch[i]);
                    batch[i] = null;
                }
                long lost;
                synchronized (this) {
                    lost = dropped;
                    dropped = 0;
                    written += n;
                    notifyAll();
                }
                if (lost > 0) {
                    Log.warn("stdout is not keeping up: " + lost + " log lines dropped");
                }
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                synchronized (this) {
                    written += pending.size() + 1;
                    pending.clear();
                    notifyAll();
                }
            }
        }
    }
}
