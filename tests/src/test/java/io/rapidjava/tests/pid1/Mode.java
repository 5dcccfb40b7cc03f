package io.rapidjava.tests.pid1;

import io.rapidjava.tests.support.Daemon;

/**
 * How a test runs the daemon: as an ordinary process (a child subreaper of its own), or as PID 1 of fresh PID and
 * mount namespaces, as a container runtime starts it. Its duties are the same either way.
 */
enum Mode {
    PROCESS,
    PID1;

    /** A builder with the machine's Lambda variables removed; PID1 skips the test where it cannot be done. */
    Daemon.Builder daemon() {
        Daemon.Builder b = Daemon.builder().cleanLambdaEnv();
        return this == PID1 ? b.pid1() : b;
    }

    /** The daemon's pid as the sandbox's processes see it. */
    long daemonPidInside(Daemon d) {
        return this == PID1 ? 1 : d.pid();
    }
}
