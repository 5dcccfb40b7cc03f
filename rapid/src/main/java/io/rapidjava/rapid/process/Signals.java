package io.rapidjava.rapid.process;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** kill(2) through the JDK's foreign function API: signals to process groups, which the JDK cannot send. */
public final class Signals {

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;

    private static final MethodHandle KILL = Libc.function("kill",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));

    private Signals() {
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
}
