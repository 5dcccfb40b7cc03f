package io.rapidjava.rapid;

import static io.rapidjava.rapid.process.Signals.SIGCHLD;
import static io.rapidjava.rapid.process.Signals.SIGHUP;
import static io.rapidjava.rapid.process.Signals.SIGINT;
import static io.rapidjava.rapid.process.Signals.SIGQUIT;
import static io.rapidjava.rapid.process.Signals.SIGTERM;
import static io.rapidjava.rapid.process.Signals.SIGUSR1;
import static io.rapidjava.rapid.process.Signals.SIGUSR2;
import static io.rapidjava.rapid.process.Signals.SIGWINCH;

import io.rapidjava.rapid.process.Reaper;
import io.rapidjava.rapid.process.SignalFd;
import io.rapidjava.rapid.process.Signals;
import io.vertx.core.Context;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import sun.misc.Signal;

/**
 * What the daemon does with a signal, the same whether it is PID 1 or not: SIGTERM and SIGINT start the shutdown
 * sequence, and a second one during it SIGKILLs every process group and exits at once (128 + the signal);
 * SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH and SIGQUIT go to the runtime's process group, as tini forwards them
 * (SIGQUIT also writes the daemon's threads to stderr); SIGCHLD wakes the reaper. They are read from a signalfd
 * by a thread of their own when the launcher blocked them (bin/rapid and the image's launcher do); a daemon
 * started another way takes only SIGTERM and SIGINT, through the JVM.
 */
final class DaemonSignals {

    /** Every signal the daemon takes, blocked by its launcher: {@code bin/jvm-options} names the same list. */
    static final int[] TAKEN = {SIGHUP, SIGINT, SIGQUIT, SIGUSR1, SIGUSR2, SIGTERM, SIGCHLD, SIGWINCH};
    private static final long RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Context context;
    private final DaemonHost host;
    private final AtomicBoolean stopping = new AtomicBoolean();

    private DaemonSignals(Context context, DaemonHost host) {
        this.context = context;
        this.host = host;
    }

    /** Starts taking the daemon's signals; on its event loop, once it listens. */
    static void listen(Context context, DaemonHost host) throws IOException {
        DaemonSignals signals = new DaemonSignals(context, host);
        if (SignalFd.blocked(TAKEN)) {
            SignalFd fd = SignalFd.open(TAKEN);
            // a platform thread: it blocks in read(2) for good, which would pin a virtual thread's carrier
            Thread.ofPlatform().daemon().name("signals").stackSize(256 * 1024).start(() -> signals.read(fd));
            return;
        }
        Log.warn("Signals are not blocked at start (the daemon was not started by bin/rapid or the image's "
                + "launcher): SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH and SIGQUIT are not forwarded to the runtime");
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), s -> signals.on(s.getNumber(), 0));
            } catch (IllegalArgumentException e) {
                // -Xrs without the launcher's mask: nothing would ever stop the daemon gracefully
                throw new IOException("cannot take SIG" + name + " (the JVM runs with -Xrs but the signal is not "
                        + "blocked): start the daemon with bin/rapid", e);
            }
        }
    }

    private void read(SignalFd fd) {
        while (true) {
            try {
                SignalFd.Received r = fd.take();
                on(r.signal(), r.senderPid());
            } catch (IOException | RuntimeException e) {
                Log.caught("Signals", e);
                LockSupport.parkNanos(RETRY_NANOS);
            }
        }
    }

    private void on(int signal, int sender) {
        switch (signal) {
            case SIGCHLD -> Reaper.childSignalled();
            case SIGTERM, SIGINT -> stop(signal, sender);
            default -> forward(signal, sender);
        }
    }

    private void stop(int signal, int sender) {
        String what = Signals.name(signal) + from(sender);
        if (stopping.compareAndSet(false, true)) {
            Log.info(what + ": shutting down (a second SIGTERM or SIGINT stops at once)");
            context.runOnContext(v -> host.stopOnSignal());
            return;
        }
        int code = ExitCode.forcedBy(signal);
        Log.warn(what + " during the shutdown: every process is killed, exit " + code);
        host.exitNow(code);
    }

    private void forward(int signal, int sender) {
        context.runOnContext(v -> {
            boolean sent = host.signalRuntime(signal);
            Log.debug(Signals.name(signal) + from(sender) + (sent ? ": forwarded to the runtime's process group"
                    : ": no runtime to forward it to"));
        });
        if (signal == SIGQUIT) {
            ThreadDump.toStderr();
        }
    }

    private static String from(int sender) {
        return sender > 0 ? " from pid " + sender : "";
    }
}
