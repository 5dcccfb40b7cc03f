package io.rapidjava.rapid.process;

import io.rapidjava.fatalerror.ExitStatus;
import io.rapidjava.rapid.Log;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Collects the end of every child of the daemon: the ones it launched, whose exit futures it completes with the
 * kernel's record of how they ended, and the orphans re-parented to it (it is a child subreaper, as PID 1 of a
 * sandbox would be anyway), which it only reaps. One thread blocks in waitid for any child; with no child at all
 * it parks until the next launch or SIGCHLD.
 */
public final class Reaper {

    private static final int PR_SET_CHILD_SUBREAPER = 36;
    private static final int P_ALL = 0;
    private static final int P_PID = 1;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    private static final int WNOHANG = 1;
    private static final int WEXITED = 4;
    private static final long BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final MethodHandle PRCTL = Libc.function("prctl", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_LONG));
    private static final MethodHandle WAITID = Libc.withErrno("waitid", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));

    /** Exit futures of the children we launched, by pid. A launch holds the lock from spawn to registration. */
    private static final Map<Integer, CompletableFuture<ExitStatus>> OURS = new HashMap<>();
    private static Thread thread;
    /**
     * Whether every child of this process is the daemon's to reap: true once {@link #start} made it the sandbox's
     * reaper. An embedding host has children of its own, whose ends its JDK collects: then only ours are waited for.
     */
    private static volatile boolean allChildren;

    /** What a launch made: the child's pid and its end, completed when it is reaped. */
    record Launched(int pid, CompletableFuture<ExitStatus> exit) {
    }

    /** One launch: starts a child and returns its pid. */
    interface Spawner {
        int spawn() throws IOException;
    }

    private Reaper() {
    }

    /** Becomes a subreaper and starts collecting every child; for the daemon, not for an embedding host. */
    public static void start() {
        allChildren = true;
        try {
            int ignored = (int) PRCTL.invokeExact(PR_SET_CHILD_SUBREAPER, 1L, 0L, 0L, 0L);
        } catch (Throwable e) {
            throw new IllegalStateException("prctl(PR_SET_CHILD_SUBREAPER) failed", e);
        }
        thread();
    }

    /** Launches a child whose end this reaper reports; the child cannot be reaped before it is registered. */
    static Launched launch(Spawner spawner) throws IOException {
        CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
        int pid;
        synchronized (OURS) {
            pid = spawner.spawn();
            OURS.put(pid, exit);
        }
        LockSupport.unpark(thread());
        return new Launched(pid, exit);
    }

    /**
     * A child ended (SIGCHLD): wakes the thread if it waits for a launch. As PID 1 a process can become the daemon's
     * child while the daemon has none of its own, re-parented from outside (a {@code kubectl exec}'s orphan).
     */
    public static void childSignalled() {
        Thread t;
        synchronized (Reaper.class) {
            t = thread;
        }
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Whether every child of this process is ours (the daemon), or only the ones we launched (an embedding host). */
    public static boolean ownsAllChildren() {
        return allChildren;
    }

    /** Collects the children that have already ended, for a shutdown that waits until its processes are gone. */
    public static void reapNow() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(Siginfo.SIZE);
            MemorySegment errno = Libc.errnoSegment(arena);
            if (!allChildren) {
                reapOurs(info, errno);
                return;
            }
            while (reapOne(info, errno, WNOHANG) == Wait.REAPED) {
                // one more collected
            }
        }
    }

    /** Looks for an end among the children we launched only, each by its pid; true when one was collected. */
    private static boolean reapOurs(MemorySegment info, MemorySegment errno) {
        Integer[] pids;
        synchronized (OURS) {
            pids = OURS.keySet().toArray(Integer[]::new);
        }
        boolean any = false;
        for (int pid : pids) {
            any |= reap(info, errno, P_PID, pid, WNOHANG) == Wait.REAPED;
        }
        return any;
    }

    private static synchronized Thread thread() {
        if (thread == null) {
            // A platform thread: it blocks in waitid for good, which would pin a virtual thread's carrier.
            thread = Thread.ofPlatform().daemon().name("reaper").stackSize(256 * 1024).start(Reaper::run);
        }
        return thread;
    }

    private static void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment info = arena.allocate(Siginfo.SIZE);
            MemorySegment errno = Libc.errnoSegment(arena);
            while (true) {
                try {
                    if (!allChildren) {
                        // no blocking wait for "any child" here: that would take the host's own children's ends
                        boolean none;
                        synchronized (OURS) {
                            none = OURS.isEmpty();
                        }
                        if (none) {
                            LockSupport.park();
                        } else if (!reapOurs(info, errno)) {
                            LockSupport.parkNanos(POLL_NANOS);
                        }
                        continue;
                    }
                    switch (reapOne(info, errno, 0)) {
                        case REAPED -> { }
                        // a launch or SIGCHLD unparks us; one that came before the park leaves its permit
                        case NONE -> LockSupport.park();
                        case FAILED -> LockSupport.parkNanos(BACKOFF_NANOS);
                    }
                } catch (Throwable e) {
                    Log.caught("Reaper", e);
                    LockSupport.parkNanos(BACKOFF_NANOS);
                }
            }
        }
    }

    /** What one wait found: a child reaped, none to reap (none at all, or with WNOHANG none ended yet), an error. */
    private enum Wait { REAPED, NONE, FAILED }

    /** Waits for (with WNOHANG: looks for) one ended child, reaps it and reports it if it is ours. */
    private static Wait reapOne(MemorySegment info, MemorySegment errno, int options) {
        return reap(info, errno, P_ALL, 0, options);
    }

    private static Wait reap(MemorySegment info, MemorySegment errno, int idType, int id, int options) {
        int rc;
        do {
            info.fill((byte) 0);
            try {
                rc = (int) WAITID.invokeExact(errno, idType, id, info, WEXITED | options);
            } catch (Throwable e) {
                throw new IllegalStateException("waitid failed", e);
            }
        } while (rc != 0 && Libc.errno(errno) == Libc.EINTR);
        if (rc != 0) {
            int error = Libc.errno(errno);
            if (error == Libc.ECHILD) {
                return Wait.NONE;
            }
            Log.error("Reaper: waitid: " + Libc.message(error));
            return Wait.FAILED;
        }
        int pid = Siginfo.pid(info);
        if (pid == 0) {
            return Wait.NONE;
        }
        CompletableFuture<ExitStatus> exit;
        synchronized (OURS) {
            exit = OURS.remove(pid);
        }
        if (exit != null) {
            exit.complete(Siginfo.status(info));
        }
        return Wait.REAPED;
    }
}
