import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Soak of the packaged daemon (bin/bench --soak N; the JDK 25 source launcher finds {@link Bench} beside it):
 * N sequential invokes, N invokes from 8 parallel clients, N Event invokes (waited for through the daemon's
 * REPORT lines) and N crash/re-init cycles (EchoRuntime exits on a CRASH event, the next invoke re-inits). After
 * each phase and every tenth of it, the daemon's vitals: RSS, heap used (jcmd GC.heap_info), threads, open
 * descriptors (pipes among them), zombie children. Not a timed test: the exit status is 1 only when an invoke
 * failed (or a phase could not finish within its bound), 2 on bad options.
 */
public final class Soak {
    static final PrintStream OUT = System.out;
    static final PrintStream LOG = System.err;
    static final int CLIENTS = 8;
    static final long PHASE_BOUND_NANOS = TimeUnit.MINUTES.toNanos(30);
    /** Event invokes sent but not yet REPORTed, at most: below the daemon's queue bound (128), so none is refused. */
    static final int EVENTS_IN_FLIGHT = 64;
    static final byte[] EVENT = Bench.payload(100);
    static final byte[] CRASH = "CRASH please".getBytes(StandardCharsets.US_ASCII);

    static final String USAGE = """
            Usage: bin/bench --soak N [--soak-crashes M] [--repo DIR]
            Runs the daemon (bin/rapid) with tests/bench/EchoRuntime.java through four phases, in order:
              sequential  N invokes, one keep-alive connection
              parallel    N invokes from %d clients, each on its own connection
              event       N invokes with X-Amz-Invocation-Type: Event (at most %d not yet run), then waits until
                          the daemon has printed a REPORT for each
              crash       M (default N) cycles: an invoke whose runtime exits (Runtime.ExitError expected), then
                          a normal invoke (which re-initialises)
            After each phase and every tenth of one it prints the daemon's VmRSS, heap used (jcmd GC.heap_info),
            threads (/proc/PID/task), open descriptors and pipes (/proc/PID/fd), zombie children and failures.
            Each phase is bounded by 30 minutes. Exit status 1 when an invoke failed unexpectedly.
            """.formatted(CLIENTS, EVENTS_IN_FLIGHT);

    /** What a phase does with its share of the invokes; returns false when an invoke failed. */
    interface Step {
        boolean run(Bench.Client client, int index) throws IOException;
    }

    private final Bench.Daemon daemon;
    private final Vitals vitals;
    private final List<String> failures = new ArrayList<>();
    private long failed;

    private Soak(Bench.Daemon daemon) {
        this.daemon = daemon;
        this.vitals = new Vitals(daemon.pid, Path.of(System.getProperty("java.home"), "bin", "jcmd"));
    }

    public static void main(String[] args) throws Exception {
        int n = -1;
        int crashes = -1;
        Path repo = Path.of(".");
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "-h", "--help" -> {
                        OUT.print(USAGE);
                        return;
                    }
                    case "--soak" -> n = Bench.Options.count("--soak", value(args, ++i));
                    case "--soak-crashes" -> crashes = Bench.Options.count("--soak-crashes", value(args, ++i));
                    case "--repo" -> repo = Path.of(value(args, ++i));
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (n < 1) {
                throw new IllegalArgumentException("--soak N (N >= 1) is required");
            }
        } catch (IllegalArgumentException e) {
            LOG.println("soak: " + e.getMessage());
            LOG.print(USAGE);
            System.exit(2);
        }
        repo = repo.toAbsolutePath().normalize();
        Path tmp = Files.createTempDirectory("rapid-soak-");
        Bench.tmpDir = tmp;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Bench.Daemon.stopAll(true);
            Bench.deleteTree(tmp);
        }, "soak-stop-daemon"));
        int exit;
        try {
            Path bootstrap = Bench.compileRuntime(repo.resolve("tests/bench/EchoRuntime.java"), tmp);
            Bench.Daemon d = Bench.Daemon.start(repo.resolve("bin/rapid"), bootstrap);
            d.awaitPorts(30_000);
            exit = new Soak(d).run(n, crashes < 0 ? n : crashes);
        } catch (Exception e) {
            LOG.println("soak: " + e);
            exit = 1;
        } finally {
            Bench.Daemon.stopAll(true);
            Bench.deleteTree(tmp);
        }
        System.exit(exit);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException("missing value for " + args[i - 1]);
        }
        return args[i];
    }

    private int run(int n, int crashes) throws Exception {
        OUT.println("### Soak: " + n + " invokes per phase, " + crashes + " crash/re-init cycles\n");
        OUT.println("| phase | invokes | failures | s | VmRSS MiB | heap used MiB | threads | fds | pipes | zombies |");
        OUT.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        row("start", 0, 0);
        phase("sequential", n, 1, (c, i) -> echoed(c.invoke(EVENT), "sequential #" + i));
        phase("parallel", n, CLIENTS, (c, i) -> echoed(c.invoke(EVENT), "parallel #" + i));
        long reportsBefore = daemon.reports.get();
        phase("event", n, 1, (c, i) -> event(c, i, reportsBefore));
        awaitEvents(reportsBefore, n);
        phase("crash", crashes, 1, this::crashCycle);
        OUT.println();
        if (!failures.isEmpty()) {
            OUT.println("Failures (first " + failures.size() + "):");
            failures.forEach(f -> OUT.println("- " + f));
        }
        if (!vitals.heapProblem().isEmpty()) {
            OUT.println("heap: " + vitals.heapProblem());
        }
        return failed == 0 ? 0 : 1;
    }

    /** Runs {@code count} steps spread over {@code clients} connections, sampling vitals every tenth. */
    private void phase(String name, int count, int clients, Step step) throws InterruptedException {
        LOG.println("soak: phase " + name + " (" + count + ")");
        long start = System.nanoTime();
        long deadline = start + PHASE_BOUND_NANOS;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicLong phaseFailed = new AtomicLong();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < clients; w++) {
            workers.add(Thread.ofPlatform().name("soak-" + name + "-" + w).start(() -> {
                Bench.Client c = null;
                try {
                    for (int i; (i = next.getAndIncrement()) < count && System.nanoTime() < deadline; ) {
                        try {
                            if (c == null) {
                                c = new Bench.Client(daemon.invokePort);
                            }
                            if (!step.run(c, i)) {
                                phaseFailed.incrementAndGet();
                            }
                        } catch (IOException e) {
                            phaseFailed.incrementAndGet();
                            fail(name + " #" + i + ": " + e);
                            c.close();
                            c = null;
                        }
                        done.incrementAndGet();
                    }
                } finally {
                    if (c != null) {
                        c.close();
                    }
                }
            }));
        }
        int tenth = Math.max(1, count / 10);
        int reported = 0;
        for (Thread t : workers) {
            while (!t.join(java.time.Duration.ofMillis(100))) {
                int now = done.get();
                if (now / tenth > reported / tenth && now < count) {
                    reported = now;
                    row(name, now, phaseFailed.get(), start);
                }
            }
        }
        if (done.get() < count) {
            phaseFailed.addAndGet(count - done.get());
            fail(name + ": only " + done.get() + " of " + count + " within " + PHASE_BOUND_NANOS / 1_000_000_000 + " s");
        }
        synchronized (this) {
            failed += phaseFailed.get();
        }
        row(name, done.get(), phaseFailed.get(), start);
    }

    private boolean echoed(Bench.Client.Result r, String what) {
        if (r.status() == 200 && r.functionError() == null && Arrays.equals(r.body(), EVENT)) {
            return true;
        }
        fail(what + ": status " + r.status() + ", " + r.functionError() + ", body " + text(r.body()));
        return false;
    }

    private boolean event(Bench.Client c, int i, long reportsBefore) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // keeps the daemon's queue short: the soak is about leaks, not about the 429 bound
        while (i - (daemon.reports.get() - reportsBefore) >= EVENTS_IN_FLIGHT && System.nanoTime() < deadline) {
            pause(1);
        }
        Bench.Client.Result r = c.invoke(EVENT, "X-Amz-Invocation-Type: Event\r\n");
        if (r.status() == 202) {
            return true;
        }
        fail("event #" + i + ": status " + r.status() + ", body " + text(r.body()));
        return false;
    }

    private void awaitEvents(long reportsBefore, int n) {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(120);
        while (daemon.reports.get() - reportsBefore < n && System.nanoTime() < deadline) {
            pause(5);
        }
        long ran = daemon.reports.get() - reportsBefore;
        if (ran < n) {
            synchronized (this) {
                failed += n - ran;
            }
            fail("event: only " + ran + " of " + n + " Event invokes REPORTed within 120 s of the last one sent");
        }
        row("event (all run)", (int) ran, n - ran, start);
    }

    /** A crash (Runtime.ExitError expected), then a normal invoke that re-initialises the runtime. */
    private boolean crashCycle(Bench.Client c, int i) throws IOException {
        Bench.Client.Result crash = c.invoke(CRASH);
        boolean ok = crash.status() == 200 && "Unhandled".equals(crash.functionError())
                && text(crash.body()).contains("Runtime.ExitError");
        if (!ok) {
            fail("crash #" + i + ": status " + crash.status() + ", " + crash.functionError() + ", body " + text(crash.body()));
        }
        return echoed(c.invoke(EVENT), "re-init after crash #" + i) && ok;
    }

    private synchronized void fail(String what) {
        if (failures.size() < 20) {
            failures.add(what);
        }
        LOG.println("soak: FAILED " + what);
    }

    private void row(String phase, int invokes, long phaseFailures) {
        row(phase, invokes, phaseFailures, System.nanoTime());
    }

    private synchronized void row(String phase, int invokes, long phaseFailures, long start) {
        Vitals.Sample s = vitals.sample();
        OUT.printf(Locale.ROOT, "| %s | %,d | %d | %.1f | %s | %s | %d | %d | %d | %d |%n", phase, invokes, phaseFailures,
                (System.nanoTime() - start) / 1e9, Bench.fmt(s.rssMiB()), Bench.fmt(s.heapUsedMiB()), s.threads(),
                s.fds(), s.pipes(), s.zombies());
        OUT.flush();
    }

    /** One poll interval of a wait that has its own deadline. */
    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String text(byte[] body) {
        return new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
    }

    /** The daemon's resource figures, read from /proc and (heap) from jcmd. */
    static final class Vitals {
        record Sample(Double rssMiB, Double heapUsedMiB, int threads, int fds, int pipes, int zombies) { }

        private static final Pattern USED = Pattern.compile("^\\s*(\\S+)\\s+total \\d+K, used (\\d+)K", Pattern.MULTILINE);

        private final long pid;
        private final Path jcmd;
        private volatile String heapProblem = "";

        Vitals(long pid, Path jcmd) {
            this.pid = pid;
            this.jcmd = jcmd;
        }

        String heapProblem() {
            return heapProblem;
        }

        Sample sample() {
            Path proc = Path.of("/proc", Long.toString(pid));
            int fds = 0;
            int pipes = 0;
            try (Stream<Path> s = Files.list(proc.resolve("fd"))) {
                for (Path fd : s.toList()) {
                    fds++;
                    try {
                        if (Files.readSymbolicLink(fd).toString().startsWith("pipe:")) {
                            pipes++;
                        }
                    } catch (IOException e) {
                        // closed meanwhile
                    }
                }
            } catch (IOException e) {
                // daemon gone
            }
            return new Sample(rssMiB(proc), heapUsedMiB(), count(proc.resolve("task")), fds, pipes, zombies());
        }

        private static Double rssMiB(Path proc) {
            try {
                for (String l : Files.readAllLines(proc.resolve("status"))) {
                    if (l.startsWith("VmRSS:")) {
                        return Long.parseLong(l.substring(6).trim().split("\\s+")[0]) / 1024.0;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // daemon gone
            }
            return null;
        }

        /** Young plus old generation in use (serial GC), or null when jcmd cannot attach. */
        private Double heapUsedMiB() {
            try {
                Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.heap_info")
                        .redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!p.waitFor(20, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    heapProblem = "jcmd GC.heap_info failed: " + out.strip();
                    return null;
                }
                Matcher m = USED.matcher(out);
                long kb = 0;
                while (m.find()) {
                    kb += Long.parseLong(m.group(2));
                }
                return kb / 1024.0;
            } catch (IOException e) {
                heapProblem = "jcmd: " + e;
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** Children of the daemon in state Z (exited, not yet reaped). */
        private int zombies() {
            int z = 0;
            try (Stream<Path> s = Files.list(Path.of("/proc"))) {
                for (Path p : s.toList()) {
                    if (!p.getFileName().toString().chars().allMatch(Character::isDigit)) {
                        continue;
                    }
                    try {
                        String stat = Files.readString(p.resolve("stat"));
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        if (f[0].equals("Z") && Long.parseLong(f[1]) == pid) {
                            z++;
                        }
                    } catch (IOException | RuntimeException e) {
                        // exited meanwhile
                    }
                }
            } catch (IOException e) {
                // no /proc
            }
            return z;
        }

        private static int count(Path dir) {
            try (Stream<Path> s = Files.list(dir)) {
                return (int) s.count();
            } catch (IOException e) {
                return 0;
            }
        }
    }
}
