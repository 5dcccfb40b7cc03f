package io.rapidjava.rapid.process;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * An OS pipe for a child's output. Both ends are close-on-exec: the child gets the write end as its stdout and
 * stderr (dup2 clears the flag on the copies), no other child inherits either end. Whichever end was not handed
 * on is closed by {@link #close()}.
 */
final class Pipe implements AutoCloseable {

    private static final MethodHandle PIPE2 = Libc.function("pipe2",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private final int readFd;
    private final int writeFd;
    private boolean readTaken;
    private boolean writeClosed;

    Pipe() throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(ValueLayout.JAVA_INT, 2);
            if ((int) PIPE2.invokeExact(fds, Libc.O_CLOEXEC) != 0) {
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

    int writeFd() {
        return writeFd;
    }

    /** Closes our copy of the write end once the child holds its own, so EOF comes when the child is gone. */
    void closeWriteEnd() {
        if (!writeClosed) {
            writeClosed = true;
            Libc.close(writeFd);
        }
    }

    /** The read end, now owned (and closed) by the caller. */
    ReadEnd takeReadEnd() {
        readTaken = true;
        return new ReadEnd(readFd);
    }

    @Override
    public void close() {
        closeWriteEnd();
        if (!readTaken) {
            readTaken = true;
            Libc.close(readFd);
        }
    }
}
