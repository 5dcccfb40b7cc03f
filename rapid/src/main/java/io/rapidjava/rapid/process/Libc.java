package io.rapidjava.rapid.process;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Optional;

/**
 * The C library's functions the daemon calls through the foreign function API, and the errno a call left (captured
 * by the call itself: the JVM may change errno before Java code could read it).
 */
public final class Libc {

    public static final int EINTR = 4;
    public static final int ECHILD = 10;
    public static final int EAGAIN = 11;
    public static final int O_WRONLY = 1;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    private static final MethodHandle OPEN = withErrno("open",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle WRITE = withErrno("write",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle CLOSE = function("close",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle STRERROR = function("strerror",
            FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    private Libc() {
    }

    static MethodHandle function(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return optional(name, descriptor, options).orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
    }

    static Optional<MethodHandle> optional(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        return LINKER.defaultLookup().find(name).map(f -> LINKER.downcallHandle(f, descriptor, options));
    }

    /** A function whose handle takes an errno segment ({@link #errnoSegment}) as its first argument. */
    static MethodHandle withErrno(String name, FunctionDescriptor descriptor) {
        return function(name, descriptor, CAPTURE_ERRNO);
    }

    /** Where a call made through a {@link #withErrno} handle leaves errno. */
    public static MemorySegment errnoSegment(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    public static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** open(2); the descriptor, or -1 with errno in {@code state}. */
    public static int open(MemorySegment state, String path, int flags) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) OPEN.invokeExact(state, arena.allocateFrom(path), flags);
        } catch (Throwable e) {
            throw new IllegalStateException("open(" + path + ") failed", e);
        }
    }

    /** write(2); the bytes written, or -1 with errno in {@code state}. */
    public static long write(MemorySegment state, int fd, MemorySegment bytes, long count) {
        try {
            return (long) WRITE.invokeExact(state, fd, bytes, count);
        } catch (Throwable e) {
            throw new IllegalStateException("write(" + fd + ") failed", e);
        }
    }

    public static void close(int fd) {
        try {
            int ignored = (int) CLOSE.invokeExact(fd);
        } catch (Throwable e) {
            throw new IllegalStateException("close(" + fd + ") failed", e);
        }
    }

    /** An error number in Go's words (the C library's message, lower case): {@code no such file or directory}. */
    public static String message(int errno) {
        try {
            String text = ((MemorySegment) STRERROR.invokeExact(errno)).reinterpret(256).getString(0);
            return text.isEmpty() ? "errno " + errno : Character.toLowerCase(text.charAt(0)) + text.substring(1);
        } catch (Throwable e) {
            return "errno " + errno;
        }
    }
}
