package io.rapidjava.rapid.process;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Map;

/** kill(2) through the JDK's foreign function API: signals to process groups, which the JDK cannot send. */
public final class Signals {

    // Linux's numbers (the same on x86-64 and arm64)
    public static final int SIGHUP = 1;
    public static final int SIGINT = 2;
    public static final int SIGQUIT = 3;
    public static final int SIGKILL = 9;
    public static final int SIGUSR1 = 10;
    public static final int SIGUSR2 = 12;
    public static final int SIGTERM = 15;
    public static final int SIGCHLD = 17;
    public static final int SIGSTOP = 19;
    public static final int SIGWINCH = 28;

    private static final Map<Integer, String> NAMES = Map.of(SIGHUP, "SIGHUP", SIGINT, "SIGINT", SIGQUIT, "SIGQUIT",
            SIGKILL, "SIGKILL", SIGUSR1, "SIGUSR1", SIGUSR2, "SIGUSR2", SIGTERM, "SIGTERM", SIGCHLD, "SIGCHLD",
            SIGWINCH, "SIGWINCH");

    private static final MethodHandle KILL = Libc.function("kill",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private Signals() {
    }

    /** {@code SIGTERM}, ...; a number without a name here as {@code signal 40}. */
    public static String name(int signal) {
        return NAMES.getOrDefault(signal, "signal " + signal);
    }

    /** Signals the process group {@code pgid}; falls back to the process itself. True if either was found. */
    public static boolean killGroup(long pgid, int signal) {
        return kill((int) -pgid, signal) || kill((int) pgid, signal);
    }

    public static boolean kill(int pid, int signal) {
        try {
            return (int) KILL.invokeExact(pid, signal) == 0;
        } catch (Throwable e) {
            throw new IllegalStateException("kill(" + pid + ", " + signal + ") failed", e);
        }
    }

    /**
     * SIGKILLs the process group each child of this process leads and every descendant (those that left their
     * group too): nothing the daemon started outlives it. Only for the daemon, whose children are all its own.
     */
    public static void killEveryDescendant() {
        ProcessHandle.current().children().forEach(child -> kill((int) -child.pid(), SIGKILL));
        ProcessHandle.current().descendants().forEach(p -> kill((int) p.pid(), SIGKILL));
    }
}
