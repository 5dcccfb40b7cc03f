package io.rapidjava.rapid.process;

import io.rapidjava.rapid.Log;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reads one output pipe of a child on a thread of its own and hands it on line by line, never waiting for the
 * consumer (which queues or drops), so the child never blocks on its pipe because of us. {@link #drained()} lets
 * the platform wait until what the child has already written is passed on, so END follows the function's
 * last log line rather than racing it. At the end of the output the pipe is closed.
 */
public final class LogPump {

    private static final int MAX_LINE = 256 * 1024;
    private static final int READ_BYTES = 8192;

    private final ReadEnd in;
    private final Consumer<String> lines;
    private final String name;
    /** Made before it is needed: with no memory left even this concatenation could fail. */
    private final String lineLost;
    private final List<Waiter> waiters = new ArrayList<>();
    private long readBytes;
    private long emittedBytes;
    private boolean closed;

    private record Waiter(long target, CompletableFuture<Void> done) {
    }

    LogPump(ReadEnd in, Consumer<String> lines, String name) {
        this.in = in;
        this.lines = lines;
        this.name = name;
        this.lineLost = "A line of " + name + " was lost";
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
            // the pump updates readBytes under this lock, so bytes read and bytes waiting are one snapshot
            target = readBytes + in.available();
            if (emittedBytes >= target) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            waiters.add(new Waiter(target, done));
            return done;
        }
    }

    private void run() {
        byte[] line = new byte[1024];
        int lineLen = 0;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment errno = Libc.errnoSegment(arena);
            MemorySegment buf = arena.allocate(READ_BYTES);
            byte[] bytes = new byte[READ_BYTES];
            long n;
            while ((n = in.read(errno, buf)) > 0) {
                synchronized (this) {
                    readBytes += n;
                }
                MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, bytes, 0, (int) n);
                try {
                    for (int i = 0; i < n; i++) {
                        byte b = bytes[i];
                        if (b == '\n' || lineLen == MAX_LINE) {
                            emit(line, lineLen);
                            lineLen = 0;
                            if (b == '\n') {
                                continue;
                            }
                        }
                        if (lineLen == line.length) {
                            line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
                        }
                        line[lineLen++] = b;
                    }
                } catch (Throwable e) {
                    // no memory for a longer line, say: lose the line, never the pipe (the child would block)
                    Log.caught(lineLost, e);
                    lineLen = 0;
                }
                synchronized (this) {
                    emittedBytes += n;
                    release(false);
                }
            }
        } catch (Throwable e) {
            Log.caught("Output of " + name + " could not be read", e);
        } finally {
            if (lineLen > 0) {
                emit(line, lineLen);
            }
            synchronized (this) {
                closed = true;
                in.close();
                release(true);
            }
        }
    }

    /** Hands one line on; a line that cannot be (no memory for it, say) is lost, the output goes on. */
    private void emit(byte[] line, int len) {
        try {
            int end = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
            lines.accept(new String(line, 0, end, StandardCharsets.UTF_8));
        } catch (Throwable e) {
            Log.caught(lineLost, e);
        }
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
