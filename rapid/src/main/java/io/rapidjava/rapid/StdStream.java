package io.rapidjava.rapid;

import io.rapidjava.rapid.process.Libc;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One of the daemon's standard streams as the {@link OutputWriter} writes it: its queue of lines, a buffer that
 * gathers them for one system call, and its descriptor. When the stream is a pipe (containers, test harnesses,
 * log agents) the pipe is opened a second time, non-blocking, so a reader that stalls leaves this stream stalled
 * and the other one written; the original descriptor, which other processes may share, keeps its flags. Any
 * other stream (a file, a terminal) is written as it is: a terminal that stops reading holds both streams up.
 */
final class StdStream {

    private static final int BUFFER_BYTES = 64 * 1024;

    private final String name;
    private final LineQueue queue;
    private final int fd;
    private final MemorySegment buffer = Arena.global().allocate(BUFFER_BYTES);
    private final MemorySegment errno = Libc.errnoSegment(Arena.global());
    // the writer thread's, except holding, which flush() reads
    private int start;
    private int end;
    private byte[] line;
    private int lineOffset;
    private boolean stalled;
    private boolean broken;
    private volatile boolean holding;

    StdStream(String name, int fd, LineQueue queue) {
        this.name = name;
        this.queue = queue;
        this.fd = nonBlocking(fd);
    }

    private static int nonBlocking(int fd) {
        String proc = "/proc/self/fd/" + fd;
        try {
            if (Files.readSymbolicLink(Path.of(proc)).toString().startsWith("pipe:")) {
                try (Arena arena = Arena.ofConfined()) {
                    int own = Libc.open(Libc.errnoSegment(arena), proc, Libc.O_WRONLY | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
                    return own >= 0 ? own : fd;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not a pipe we can reopen: written as it is
        }
        return fd;
    }

    /** Queues an encoded line; false if it was dropped (the queue is full). */
    boolean offer(byte[] encoded) {
        return queue.offer(encoded);
    }

    /** Writes what it can without waiting (where the descriptor allows that); true if it got anywhere. */
    boolean writeSome() {
        if (broken) {
            boolean any = false;
            while (queue.poll() != null) {
                any = true;
            }
            return any;
        }
        if (start == end) {
            fill();
            if (end == 0) {
                return false;
            }
        }
        long n = Libc.write(errno, fd, buffer.asSlice(start), end - start);
        if (n >= 0) {
            start += (int) n;
            stalled = false;
            holding = start < end || line != null;
            reportDrops();
            return n > 0;
        }
        int error = Libc.errno(errno);
        if (error == Libc.EAGAIN) {
            stalled = true;
            return false;
        }
        if (error == Libc.EINTR) {
            return true;
        }
        // the reader is gone (EPIPE, ...): what is queued can never be written
        broken = true;
        holding = false;
        line = null;
        start = end = 0;
        return true;
    }

    /** Waits for the reader: the last write found its pipe full. */
    boolean stalled() {
        return stalled;
    }

    /** Has something to write now. */
    boolean ready() {
        return !stalled && (start < end || line != null || !queue.isEmpty());
    }

    /** Everything queued so far is written (or can never be). */
    boolean done() {
        return queue.isEmpty() && !holding;
    }

    private void fill() {
        // set before taking a line, so that done() never sees the line in neither place
        holding = true;
        start = 0;
        end = 0;
        while (end < BUFFER_BYTES) {
            if (line == null) {
                line = queue.poll();
                lineOffset = 0;
                if (line == null) {
                    break;
                }
            }
            int n = Math.min(BUFFER_BYTES - end, line.length - lineOffset);
            MemorySegment.copy(line, lineOffset, buffer, ValueLayout.JAVA_BYTE, end, n);
            end += n;
            lineOffset += n;
            if (lineOffset == line.length) {
                line = null;
            }
        }
        holding = end > 0 || line != null;
    }

    /** Once the reader takes lines again, one line says how many were lost meanwhile. */
    private void reportDrops() {
        long lost = queue.takeDropped();
        if (lost > 0) {
            Log.warn(name + " is not keeping up: " + lost + " log lines dropped");
        }
    }
}
