package io.rapidjava.rapid.process;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PID 1's duty: reap orphans. The daemon is made a child subreaper (it is PID 1 in a sandbox anyway), so
 * processes its runtime leaves behind are re-parented to it; their exits are collected here. Children the
 * daemon started itself are left to the JDK, which waits for them: a zombie is only peeked at (WNOWAIT) and
 * reaped when it is not one of ours.
 */
public final class Reaper {

    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int P_ALL = 0;
    private static final int WNOHANG = 1;
    private static final int WEXITED = 4;
    private static final int WNOWAIT = 0x01000000;
    /** Offset of si_pid in 64-bit Linux's siginfo_t: three ints, then the 8-byte aligned union. */
    private static final long SI_PID_OFFSET = 16;
    private static final long SIGINFO_SIZE = 128;
    private static final long POLL_MILLIS = 500;

    private static final Set<Long> OURS = ConcurrentHashMap.newKeySet();
    private static final MethodHandle PRCTL;
    private static final MethodHandle WAITID;
    private static final MethodHandle WAITPID;

    static {
        Linker linker = Linker.nativeLinker();
        var libc = linker.defaultLookup();
        PRCTL = linker.downcallHandle(libc.find("prctl").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
                ValueLayout.JAVA_LONG));
        WAITID = linker.downcallHandle(libc.find("waitid").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
        WAITPID = linker.downcallHandle(libc.find("waitpid").orElseThrow(), FunctionDescriptor.of(ValueLayout.JAVA_INT,
                ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    }

    private Reaper() {
    }

    /** Becomes a subreaper and starts collecting orphans on a virtual thread. */
    public static void start() {
        try {
            int ignored = (int) PRCTL.invokeExact(PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L);
        } catch (Throwable e) {
            throw new IllegalStateException("prctl(PR_SET_CHILD_SUBREAPER) failed", e);
        }
        Thread.ofVirtual().name("reaper").start(Reaper::run);
    }

    /** Starts a child the JDK will wait for; the reaper does not look while it starts, so it cannot take it. */
    static Process launch(ProcessBuilder builder) throws java.io.IOException {
        synchronized (Reaper.class) {
            Process process = builder.start();
            OURS.add(process.pid());
            return process;
        }
    }

    static void released(long pid) {
        OURS.remove(pid);
    }

    /** Collects exited orphans now, for a shutdown that waits until its processes are gone. */
    public static void reapNow() {
        try (Arena arena = Arena.ofConfined()) {
            reapOrphans(arena.allocate(SIGINFO_SIZE));
        }
    }

    private static void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(SIGINFO_SIZE);
            while (true) {
                reapOrphans(info);
                Thread.sleep(POLL_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static synchronized void reapOrphans(MemorySegment info) {
        try {
            while (true) {
                info.fill((byte) 0);
                int rc = (int) WAITID.invokeExact(P_ALL, 0, info, WEXITED | WNOHANG | WNOWAIT);
                int pid = info.get(ValueLayout.JAVA_INT, SI_PID_OFFSET);
                if (rc != 0 || pid == 0 || OURS.contains((long) pid)) {
                    return;
                }
                int reaped = (int) WAITPID.invokeExact(pid, MemorySegment.NULL, WNOHANG);
                if (reaped <= 0) {
                    return;
                }
            }
        } catch (Throwable e) {
            throw new IllegalStateException("waitid failed", e);
        }
    }
}
