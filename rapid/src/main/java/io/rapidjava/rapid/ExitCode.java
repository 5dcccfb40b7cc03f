package io.rapidjava.rapid;

import io.rapidjava.interop.ShutdownSummary;

/**
 * The daemon's exit codes, which say how its sandbox ended (README, "Exit codes"); the one place that decides them.
 * A supervisor (a container runtime, a microVM's init, Kubernetes) sees them as the sandbox's exit status.
 */
final class ExitCode {

    /** Stopped on request (SIGTERM, SIGINT, {@code POST /shutdown}) and every process ended within its time. */
    static final int CLEAN = 0;
    /** Could not start (an address in use, the metrics plug-in missing), or a fatal error of the daemon's own. */
    static final int FAILED = 1;
    /** A bad flag or environment value. */
    static final int BAD_CONFIGURATION = 2;
    /** Stopped, but the shutdown missed a deadline: a process given time to exit was SIGKILLed, or not reaped. */
    static final int PROCESSES_KILLED = 3;
    /** An init failed and {@code --exit-on-init-failure} is set. */
    static final int INIT_FAILED = 4;
    /** Added to the signal's number when a second SIGTERM or SIGINT cut the shutdown short, as a shell reports it. */
    private static final int SIGNALLED = 128;

    private ExitCode() {
    }

    /** After a shutdown on request: clean, unless the sequence had to kill a process past its time. */
    static int after(ShutdownSummary summary) {
        boolean missed = summary.processes().stream()
                .anyMatch(p -> p.how().equals("killed") || p.how().equals("gone"));
        return missed ? PROCESSES_KILLED : CLEAN;
    }

    /** The daemon gave up its shutdown for {@code signal}: 143 for SIGTERM, 130 for SIGINT. */
    static int forcedBy(int signal) {
        return SIGNALLED + signal;
    }
}
