import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The idle phase of bin/bench (--only idle; not in the default run, it takes a minute): one daemon, ready and
 * invoked once, then left alone for --idle-seconds. Its CPU time over that span (user + system of every thread,
 * ProcessHandle: 10 ms ticks on Linux) and its threads' context switches (/proc/PID/task/*&#47;status): an idle daemon
 * that polls nothing wakes only for its few timers.
 */
final class Idle implements Bench.Phase {

    /** Time for the first invoke's compilations and collections to finish before the measured span. */
    static final long SETTLE_MS = 2_000;

    public String name() {
        return "idle";
    }

    public void run(Bench.Context ctx) throws Exception {
        int seconds = ctx.opts.idleSeconds;
        Bench.Figure f = ctx.figure("idle", "Idle daemon (" + seconds + " s after one invoke)", "measure", "value");
        Bench.Daemon d = Bench.Daemon.start(ctx.rapid, ctx.bootstrap);
        try {
            d.awaitPorts(30_000);
            try (Bench.Client c = new Bench.Client(d.invokePort)) {
                if (c.invoke(Bench.payload(100)).status() != 200) {
                    throw new IOException("the invoke before the idle span failed");
                }
            }
            Thread.sleep(SETTLE_MS);
            ProcessHandle h = ProcessHandle.of(d.pid).orElseThrow();
            Duration cpu0 = h.info().totalCpuDuration().orElseThrow();
            long switches0 = contextSwitches(d.pid);
            Thread.sleep(seconds * 1000L);
            double cpuMs = (h.info().totalCpuDuration().orElseThrow().toNanos() - cpu0.toNanos()) / 1e6;
            double perSecond = (contextSwitches(d.pid) - switches0) / (double) seconds;
            f.row("measure", "daemon CPU, user + system (ms)", "value", cpuMs);
            f.row("measure", "CPU share (% of one core)", "value", cpuMs / (seconds * 10.0));
            f.row("measure", "context switches per second, all threads", "value", perSecond);
            f.extra.put("idle_seconds", seconds);
        } finally {
            d.stop();
        }
    }

    /** Voluntary and involuntary switches of every thread the process has now. */
    static long contextSwitches(long pid) throws IOException {
        long sum = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                List<String> status;
                try {
                    status = Files.readAllLines(task.resolve("status"));
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                for (String l : status) {
                    if (l.startsWith("voluntary_ctxt_switches:") || l.startsWith("nonvoluntary_ctxt_switches:")) {
                        sum += Long.parseLong(l.substring(l.indexOf(':') + 1).trim());
                    }
                }
            }
        }
        return sum;
    }
}
