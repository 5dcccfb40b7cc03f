package io.rapidjava.rapid.process;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The read end of a child's output pipe, as a bare descriptor: it can say at any time how many bytes wait in the
 * pipe (which the JDK's streams cannot while a read blocks), and it is closed by whoever reaches its end, never
 * by the garbage collector. Not thread-safe: the owner orders {@link #close()} after the other calls.
 */
final class ReadEnd {

    private static final int FIONREAD = 0x541B;
    private static final MethodHandle READ = Libc.withErrno("read",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle IOCTL = Libc.function("ioctl",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS),
            Linker.Option.firstVariadicArg(2));

    private final int fd;
    private boolean closed;

    ReadEnd(int fd) {
        this.fd = fd;
    }

    /** Blocks until some bytes arrive; their count, 0 at the end of the output, -1 when it cannot be read. */
    long read(MemorySegment errno, MemorySegment into) {
        try {
            while (true) {
                long n = (long) READ.invokeExact(errno, fd, into, into.byteSize());
                if (n >= 0 || Libc.errno(errno) != Libc.EINTR) {
                    return n;
                }
            }
        } catch (Throwable e) {
            throw new IllegalStateException("read(" + fd + ") failed", e);
        }
    }

    /** Bytes written to the pipe and not yet read; 0 once closed. */
    int available() {
        if (closed) {
            return 0;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
            return (int) IOCTL.invokeExact(fd, (long) FIONREAD, count) == 0 ? count.get(ValueLayout.JAVA_INT, 0) : 0;
        } catch (Throwable e) {
            return 0;
        }
    }

    void close() {
        if (!closed) {
            closed = true;
            Libc.close(fd);
        }
    }
}
