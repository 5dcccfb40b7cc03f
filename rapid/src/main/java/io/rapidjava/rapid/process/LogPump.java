package io.rapidjava.rapid.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reads one output pipe of a child on a virtual thread and hands it on line by line. {@link #drained()} lets
 * the platform wait until what the child has already written is passed on, so END follows the function's
 * last log line rather than racing it.
 */
public final class LogPump {

    private static final int MAX_LINE = 256 * 1024;

    private final InputStream in;
    private final Consumer<String> lines;
    private final List<Waiter> waiters = new ArrayList<>();
    private long readBytes;
    private long emittedBytes;
    private boolean closed;

    private record Waiter(long target, CompletableFuture<Void> done) {
    }

    public LogPump(InputStream in, Consumer<String> lines, String name) {
        this.in = in;
        this.lines = lines;
        // A platform thread: a blocking pipe read pins a virtual thread's carrier, and with one pump per process
        // the carriers run out (the virtual-thread scheduler then starves, shutdown included).
        Thread.ofPlatform().daemon().name(name).stackSize(256 * 1024).start(this::run);
    }

    /** Completes when every byte the child had written when this was called has been passed on. */
    public CompletableFuture<Void> drained() {
        long target;
        synchronized (this) {
            if (closed) {
                return CompletableFuture.completedFuture(null);
            }
            long before;
            int available;
            do {
                before = readBytes;
                try {
                    available = in.available();
                } catch (IOException e) {
                    return CompletableFuture.completedFuture(null);
                }
            } while (before != readBytes);
            target = before + available;
            if (emittedBytes >= target) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            waiters.add(new Waiter(target, done));
            return done;
        }
    }

    private void run() {
        byte[] buf = new byte[8192];
        byte[] line = new byte[1024];
        int lineLen = 0;
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                synchronized (this) {
                    readBytes += n;
                }
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (b == '\n' || lineLen == MAX_LINE) {
                        emit(line, lineLen);
                        lineLen = 0;
                        if (b == '\n') {
                            continue;
                        }
                    }
                    if (lineLen == line.length) {
                        line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
                    }
                    line[lineLen++] = b;
                }
                synchronized (this) {
                    emittedBytes += n;
                    release(false);
                }
            }
        } catch (IOException e) {
            // the child is gone
        } finally {
            if (lineLen > 0) {
                emit(line, lineLen);
            }
            synchronized (this) {
                closed = true;
                release(true);
            }
        }
    }

    private void emit(byte[] line, int len) {
        int end = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
        lines.accept(new String(line, 0, end, StandardCharsets.UTF_8));
    }

    private void release(boolean all) {
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (all || emittedBytes >= w.target) {
                it.remove();
                w.done.complete(null);
            }
        }
    }
}
