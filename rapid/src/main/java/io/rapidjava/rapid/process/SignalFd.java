package io.rapidjava.rapid.process;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Signals taken as data, as tini takes them: blocked in every thread of the process from its exec on (the launcher
 * starts the JVM so, and the JVM, run with -Xrs, leaves them blocked), they stay pending until one thread reads
 * them from a signalfd(2). No handler runs, so the JVM keeps none of them for itself (SIGQUIT included), and a
 * signal sent to PID 1 of a namespace is not dropped for want of a handler: a blocked signal is always queued.
 */
public final class SignalFd {

    private static final int SIG_BLOCK = 0;
    private static final long SIGSET_BYTES = 128;
    // struct signalfd_siginfo: 128 bytes, ssi_signo first, ssi_pid at 12
    private static final long SIGINFO_BYTES = 128;
    private static final long SSI_PID = 12;

    private static final MethodHandle SIGEMPTYSET = Libc.function("sigemptyset",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle SIGADDSET = Libc.function("sigaddset",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SIGISMEMBER = Libc.function("sigismember",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle PTHREAD_SIGMASK = Libc.function("pthread_sigmask",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle SIGNALFD = Libc.withErrno("signalfd",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle READ = Libc.withErrno("read",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));

    private final int fd;
    // the daemon's for its lifetime: never closed
    private final Arena arena = Arena.ofAuto();
    private final MemorySegment info = arena.allocate(SIGINFO_BYTES, 8);
    private final MemorySegment errno = Libc.errnoSegment(arena);

    /** One signal read: its number and the pid that sent it (0 when the kernel or another pid namespace did). */
    public record Received(int signal, int senderPid) {
    }

    private SignalFd(int fd) {
        this.fd = fd;
    }

    /** Whether every one of {@code signals} is blocked in the calling thread (so, from exec on, in every thread). */
    public static boolean blocked(int... signals) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment mask = a.allocate(SIGSET_BYTES, 8);
            if ((int) PTHREAD_SIGMASK.invokeExact(SIG_BLOCK, MemorySegment.NULL, mask) != 0) {
                return false;
            }
            for (int s : signals) {
                if ((int) SIGISMEMBER.invokeExact(mask, s) != 1) {
                    return false;
                }
            }
            return true;
        } catch (Throwable e) {
            throw new IllegalStateException("pthread_sigmask failed", e);
        }
    }

    /** A descriptor that reads {@code signals}, which must be blocked in every thread ({@link #blocked}). */
    public static SignalFd open(int... signals) throws IOException {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment mask = a.allocate(SIGSET_BYTES, 8);
            int ignored = (int) SIGEMPTYSET.invokeExact(mask);
            for (int s : signals) {
                if ((int) SIGADDSET.invokeExact(mask, s) != 0) {
                    throw new IOException("sigaddset(" + s + ") failed");
                }
            }
            MemorySegment error = Libc.errnoSegment(a);
            int fd = (int) SIGNALFD.invokeExact(error, -1, mask, Libc.O_CLOEXEC);
            if (fd < 0) {
                throw new IOException("signalfd: " + Libc.message(Libc.errno(error)));
            }
            return new SignalFd(fd);
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("signalfd failed: " + e, e);
        }
    }

    /** Blocks until a signal arrives; by one thread at a time. */
    public Received take() throws IOException {
        try {
            while (true) {
                long n = (long) READ.invokeExact(errno, fd, info, SIGINFO_BYTES);
                if (n == SIGINFO_BYTES) {
                    return new Received(info.get(ValueLayout.JAVA_INT, 0), info.get(ValueLayout.JAVA_INT, SSI_PID));
                }
                if (n >= 0 || Libc.errno(errno) != Libc.EINTR) {
                    throw new IOException("read(signalfd): " + (n < 0 ? Libc.message(Libc.errno(errno)) : n + " bytes"));
                }
            }
        } catch (IOException e) {
            throw e;
        } catch (Throwable e) {
            throw new IOException("read(signalfd) failed: " + e, e);
        }
    }
}
