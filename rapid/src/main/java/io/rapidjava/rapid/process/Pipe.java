package io.rapidjava.rapid.process;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * An OS pipe for a child's output. The JDK's own process pipes sit behind a synchronized buffered stream,
 * so nobody can ask how much is waiting while the pump is blocked reading; a pipe of our own, opened as a
 * plain {@link FileInputStream}, answers {@code available()} at any time. The child's end is handed over
 * by path ({@code /proc/self/fd/N}), which the JDK can redirect to.
 */
final class Pipe implements AutoCloseable {

    private static final int O_CLOEXEC = 0x80000;
    private static final MethodHandle PIPE2;
    private static final MethodHandle CLOSE;

    static {
        Linker linker = Linker.nativeLinker();
        PIPE2 = linker.downcallHandle(linker.defaultLookup().find("pipe2").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        CLOSE = linker.downcallHandle(linker.defaultLookup().find("close").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    }

    private final int readFd;
    private final int writeFd;
    private boolean writeClosed;

    Pipe() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            if ((int) PIPE2.invokeExact(fds, O_CLOEXEC) != 0) {
                throw new IOException("pipe2 failed");
            }
            readFd = fds.getAtIndex(ValueLayout.JAVA_INT, 0);
            writeFd = fds.getAtIndex(ValueLayout.JAVA_INT, 1);
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("pipe2 failed", e);
        }
    }

    /** The write end, as a path the JDK can open for a child's stdout or stderr. */
    File writeEnd() {
        return new File("/proc/self/fd/" + writeFd);
    }

    /** The read end as a stream of its own (a fresh descriptor); the original one is closed. */
    FileInputStream openReadEnd() throws IOException {
        FileInputStream in = new FileInputStream("/proc/self/fd/" + readFd);
        close(readFd);
        return in;
    }

    /** Closes our copy of the write end once the child holds its own, so EOF comes when the child is gone. */
    void closeWriteEnd() {
        if (!writeClosed) {
            writeClosed = true;
            close(writeFd);
        }
    }

    @Override
    public void close() {
        closeWriteEnd();
    }

    private static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException("close(" + fd + ") failed", e);
        }
    }
}
