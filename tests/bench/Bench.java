import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Benchmark of the rapid-java daemon (JDK only; run with the JDK 25 source launcher through bin/bench).
 *
 * <p>The work is a list of named {@link Phase}s; each adds rows to named {@link Figure}s (a table printed as
 * markdown and written as JSON). To add a figure, add a Phase to {@link #phases} (as {@code Telemetry}, in its own
 * file, is).
 *
 * <p>Every loop is bounded in count and in time, only 127.0.0.1 is used, and only processes started here are
 * stopped (the daemon PID and its descendants, by PID). Timing never fails the run: the exit status is 1 only
 * when the daemon could not be run at all (or on bad options).
 */
public final class Bench {
    static final PrintStream OUT = System.out;
    static final PrintStream LOG = System.err;
    static volatile Path tmpDir; // the compiled runtime, deleted at exit

    static final String USAGE = """
            Usage: bin/bench [options]
            Benchmarks the rapid-java daemon (bin/rapid) with a fast echo runtime (tests/bench/EchoRuntime.java,
            compiled once into a temp dir). Prints markdown tables to stdout, progress to stderr, and writes JSON.

            Figures:
              start-to-ready  ms from exec of bin/rapid to the stderr ports line, and to the first invoke
                              answered 200 (median/min/max of --runs cold starts)
              warm-invokes    sequential invokes on one keep-alive connection (raw socket client, HTTP/1.1)
                              in one daemon: p50/p90/p99/max latency (us), invokes/s, errors (answer != event)
                              for 100 B, 1 MiB and 5.5 MiB (5,767,168 B) JSON string events
              concurrent      (tests/bench/Concurrent.java) N = 2, 8, 32 clients against a function sleeping
                              --conc-sleep-ms per invoke, in the default mode and with
                              AWS_LAMBDA_MAX_CONCURRENCY=N (N workers): invokes/s, p50/p99/max latency (ms),
                              the concurrent mode's throughput over the default's (target: 1.5× at N = 8)
              rss             daemon VmHWM peak per phase (reset with clear_refs before it) and VmRSS idle
                              after it (1 s settle)
              streaming       streamed answer (event STREAM...): time to first byte and to last byte (p50)
              telemetry-*     Telemetry API (tests/bench/Telemetry.java): log lines/s from a chatty runtime with
                              no subscriber, to one HTTP subscriber extension keeping up
                              (tests/bench/TelemetrySubscriber.java) with a runtime logging flat out and one
                              paced at --tel-rate, and to a stalled one, lines lost; 100 B
                              invoke p50/p99 with no subscriber, a platform-only one, a stalled one and none
                              again (the run's noise), their daemons taking turns, in --tel-rounds rounds of
                              fresh daemons; daemon and subscriber CPU and
                              daemon RSS in each; whether any io.rapidjava.telemetry class (TelemetryHub) is
                              loaded without a subscriber; the issue's targets met or not. A refused
                              subscription is reported, not waited for

            Options:
              --runs N            cold starts for start-to-ready (default 5)
              --n-tiny N          measured 100 B invokes (default 5000)
              --warm-tiny N       warm-up 100 B invokes (default 2000)
              --n-1m N            measured 1 MiB invokes (default 200)
              --warm-1m N         warm-up 1 MiB invokes (default 20)
              --n-5m N            measured 5.5 MiB invokes (default 50)
              --warm-5m N         warm-up 5.5 MiB invokes (default 5)
              --n-stream N        measured streamed invokes (default 50)
              --warm-stream N     warm-up streamed invokes (default 5)
              --tel-lines N       measured log lines to the subscriber (default 500000)
              --tel-warm-lines N  warm-up log lines before them (default 100000)
              --tel-lines-per-invoke N  log lines the chatty runtime prints per invoke (default 10000)
              --tel-rate N        lines/s of the paced runtime whose subscriber must keep up with 0 lost
                                  (default 150000; 0: no paced run, the flat-out one only)
              --tel-buffering I,B,MS    the subscription's maxItems,maxBytes,timeoutMs (default 1000,262144,25)
              --tel-rounds N      rounds of the 100 B comparison, each with fresh daemons; its targets are
                                  judged on the medians of the rounds (default 3)
              --conc-seconds S    measured span of each concurrent row, seconds (default 10)
              --conc-sleep-ms MS  the concurrent phase's function time per invoke (default 10)
              --phase-timeout S   time bound of each measured phase, seconds (default 60)
              --json FILE         JSON output, relative to the caller's directory (default bench-results.json)
              --repo DIR          repository root (default: current directory)
              --only LIST         comma-separated phases to run: cold,warm,stream,telemetry,concurrent (default
                                  all), and
                                  idle (tests/bench/Idle.java: the daemon's CPU and context switches over
                                  --idle-seconds of idleness after one invoke; only when named)
              --idle-seconds N    the idle phase's span (default 60)
              --launcher FILE     the daemon's launcher, relative to the caller's directory (default
                                  bin/rapid; an image's: <DIR>/usr/local/bin/rapid, bin/image DIR)
              --soak N            run the soak instead (tests/bench/Soak.java; bin/bench --soak 1 --help)
              -h, --help          this help
            """;

    // ---------------------------------------------------------------- options

    static final class Options {
        int runs = 5;
        int nTiny = 5000, warmTiny = 2000;
        int n1m = 200, warm1m = 20;
        int n5m = 50, warm5m = 5;
        int nStream = 50, warmStream = 5;
        int telLines = 500_000, telWarmLines = 100_000, telLinesPerInvoke = 10_000, telRate = 150_000;
        String telBuffering = "1000,262144,25";
        int telRounds = 3;
        int concSeconds = 10;
        int concSleepMs = 10;
        long phaseTimeoutMs = 60_000;
        Path json = Path.of("bench-results.json");
        Path repo = Path.of(".");
        int idleSeconds = 60;
        Path launcher;
        Set<String> only = Set.of("cold", "warm", "stream", "telemetry", "concurrent");
        final Map<String, Object> asMap = new LinkedHashMap<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    OUT.print(USAGE);
                    System.exit(0);
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + a);
                }
                String v = args[++i];
                switch (a) {
                    case "--runs" -> o.runs = count(a, v);
                    case "--n-tiny" -> o.nTiny = count(a, v);
                    case "--warm-tiny" -> o.warmTiny = count(a, v);
                    case "--n-1m" -> o.n1m = count(a, v);
                    case "--warm-1m" -> o.warm1m = count(a, v);
                    case "--n-5m" -> o.n5m = count(a, v);
                    case "--warm-5m" -> o.warm5m = count(a, v);
                    case "--n-stream" -> o.nStream = count(a, v);
                    case "--warm-stream" -> o.warmStream = count(a, v);
                    case "--tel-lines" -> o.telLines = count(a, v);
                    case "--tel-warm-lines" -> o.telWarmLines = count(a, v);
                    case "--tel-lines-per-invoke" -> o.telLinesPerInvoke = Math.max(1, count(a, v));
                    case "--tel-rate" -> o.telRate = count(a, v);
                    case "--tel-buffering" -> o.telBuffering = buffering(v);
                    case "--tel-rounds" -> o.telRounds = Math.max(1, count(a, v));
                    case "--phase-timeout" -> o.phaseTimeoutMs = Math.max(1, count(a, v)) * 1000L;
                    case "--conc-seconds" -> o.concSeconds = Math.max(1, count(a, v));
                    case "--conc-sleep-ms" -> o.concSleepMs = count(a, v);
                    case "--json" -> o.json = Path.of(v);
                    case "--repo" -> o.repo = Path.of(v);
                    case "--only" -> o.only = Set.of(v.split(","));
                    case "--idle-seconds" -> o.idleSeconds = Math.max(1, count(a, v));
                    case "--launcher" -> o.launcher = Path.of(System.getProperty("bench.cwd", ".")).resolve(v);
                    default -> throw new IllegalArgumentException("unknown option " + a);
                }
            }
            o.repo = o.repo.toAbsolutePath().normalize();
            o.asMap.put("runs", o.runs);
            o.asMap.put("n_tiny", o.nTiny);
            o.asMap.put("warm_tiny", o.warmTiny);
            o.asMap.put("n_1m", o.n1m);
            o.asMap.put("warm_1m", o.warm1m);
            o.asMap.put("n_5m", o.n5m);
            o.asMap.put("warm_5m", o.warm5m);
            o.asMap.put("n_stream", o.nStream);
            o.asMap.put("warm_stream", o.warmStream);
            o.asMap.put("tel_lines", o.telLines);
            o.asMap.put("tel_warm_lines", o.telWarmLines);
            o.asMap.put("tel_lines_per_invoke", o.telLinesPerInvoke);
            o.asMap.put("tel_rate", o.telRate);
            o.asMap.put("tel_buffering", o.telBuffering);
            o.asMap.put("tel_rounds", o.telRounds);
            o.asMap.put("phase_timeout_s", o.phaseTimeoutMs / 1000);
            o.asMap.put("conc_seconds", o.concSeconds);
            o.asMap.put("conc_sleep_ms", o.concSleepMs);
            o.asMap.put("only", String.join(",", o.only.stream().sorted().toList()));
            o.asMap.put("launcher", o.launcher == null ? "bin/rapid" : o.launcher.toString());
            return o;
        }

        static String buffering(String v) {
            String[] parts = v.split(",");
            if (parts.length != 3) {
                throw new IllegalArgumentException("--tel-buffering: not maxItems,maxBytes,timeoutMs: " + v);
            }
            for (String part : parts) {
                count("--tel-buffering", part);
            }
            return v;
        }

        static int count(String name, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n < 0 || n > 10_000_000) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": not a count: " + v);
            }
        }
    }

    // ---------------------------------------------------------------- figures and phases

    /** A named table: columns and rows of values (numbers or strings). */
    static final class Figure {
        final String name;
        final String title;
        final List<String> columns = new ArrayList<>();
        final List<Map<String, Object>> rows = new ArrayList<>();
        final Map<String, Object> extra = new LinkedHashMap<>();

        Figure(String name, String title, String... columns) {
            this.name = name;
            this.title = title;
            this.columns.addAll(List.of(columns));
        }

        Map<String, Object> row(Object... kv) {
            Map<String, Object> r = new LinkedHashMap<>();
            for (int i = 0; i + 1 < kv.length; i += 2) {
                r.put((String) kv[i], kv[i + 1]);
            }
            rows.add(r);
            return r;
        }

        String markdown() {
            StringBuilder sb = new StringBuilder();
            sb.append("### ").append(title).append("\n\n|");
            for (String c : columns) {
                sb.append(' ').append(c).append(" |");
            }
            sb.append("\n|");
            for (String c : columns) {
                sb.append(c.equals(columns.get(0)) ? " --- |" : " ---: |");
            }
            sb.append('\n');
            for (Map<String, Object> r : rows) {
                sb.append('|');
                for (String c : columns) {
                    sb.append(' ').append(fmt(r.get(c))).append(" |");
                }
                sb.append('\n');
            }
            return sb.toString();
        }
    }

    /** A named step of the benchmark that adds rows to figures. Failures are recorded, not fatal. */
    interface Phase {
        String name();

        void run(Context ctx) throws Exception;
    }

    static final class Context {
        final Options opts;
        final Path rapid;
        final Path bootstrap;
        final Map<String, Figure> figures = new LinkedHashMap<>();
        final List<String> errors = new ArrayList<>();
        boolean daemonRan;
        boolean daemonTried;
        Daemon warm; // the daemon shared by the warm phases

        Context(Options opts, Path rapid, Path bootstrap) {
            this.opts = opts;
            this.rapid = rapid;
            this.bootstrap = bootstrap;
        }

        Figure figure(String name, String title, String... columns) {
            return figures.computeIfAbsent(name, n -> new Figure(n, title, columns));
        }

        Daemon warmDaemon() throws Exception {
            if (warm == null || !warm.process.isAlive()) {
                if (warm != null) {
                    warm.stop();
                }
                daemonTried = true;
                warm = Daemon.start(rapid, bootstrap);
                warm.awaitPorts(30_000);
                daemonRan = true;
            }
            return warm;
        }
    }

    static List<Phase> phases() {
        return List.of(new ColdStart(), new WarmInvokes(), new Streaming(), new Telemetry(), new Concurrent(),
                new Idle());
    }

    // ---------------------------------------------------------------- main

    public static void main(String[] args) {
        Options opts;
        try {
            opts = Options.parse(args);
        } catch (IllegalArgumentException e) {
            LOG.println("bench: " + e.getMessage());
            LOG.print(USAGE);
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Daemon.stopAll(true);
            Path t = tmpDir;
            if (t != null) {
                deleteTree(t);
            }
        }, "bench-stop-daemons"));
        Path tmp = null;
        int exit = 0;
        try {
            Path rapid = opts.launcher != null ? opts.launcher.toAbsolutePath().normalize() : opts.repo.resolve("bin/rapid");
            Path source = opts.repo.resolve("tests/bench/EchoRuntime.java");
            if (!Files.isExecutable(rapid) || !Files.isRegularFile(source)) {
                LOG.println("bench: " + rapid + " or " + source + " not found (run from the repo root or use --repo)");
                System.exit(1);
            }
            tmp = Files.createTempDirectory("rapid-bench-");
            tmpDir = tmp;
            Path bootstrap = compileRuntime(source, tmp);
            Context ctx = new Context(opts, rapid, bootstrap);
            Instant started = Instant.now();
            for (Phase p : phases()) {
                if (Daemon.shuttingDown) {
                    break;
                }
                if (!opts.only.contains(p.name())) {
                    continue;
                }
                LOG.println("bench: phase " + p.name());
                try {
                    p.run(ctx);
                } catch (Exception e) {
                    String msg = p.name() + ": " + e;
                    ctx.errors.add(msg);
                    LOG.println("bench: phase failed: " + msg);
                }
            }
            if (ctx.warm != null) {
                ctx.warm.stop();
            }
            for (Figure f : ctx.figures.values()) {
                OUT.println(f.markdown());
            }
            if (!ctx.errors.isEmpty()) {
                OUT.println("Errors:");
                ctx.errors.forEach(e -> OUT.println("- " + e));
            }
            writeJson(ctx, started, args);
            if (ctx.daemonTried && !ctx.daemonRan) {
                LOG.println("bench: the daemon could not be run");
                exit = 1;
            }
        } catch (Exception e) {
            LOG.println("bench: " + e);
            exit = 1;
        } finally {
            Daemon.stopAll(true);
            if (tmp != null) {
                deleteTree(tmp);
            }
        }
        System.exit(exit);
    }

    /** Compiles EchoRuntime with this JDK's javac into tmp and writes a bootstrap script that execs it. */
    static Path compileRuntime(Path source, Path tmp) throws Exception {
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path javac = javaHome.resolve("bin/javac");
        Process p = new ProcessBuilder(javac.toString(), "-d", tmp.toString(), source.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("javac EchoRuntime failed: " + out);
        }
        Path bootstrap = tmp.resolve("bootstrap");
        String script = "#!/bin/sh\n"
                + "exec '" + javaHome.resolve("bin/java") + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                + " -Xshare:auto -cp '" + tmp + "' EchoRuntime \"$@\"\n";
        Files.writeString(bootstrap, script);
        Files.setPosixFilePermissions(bootstrap, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bootstrap;
    }

    static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                }
            });
        } catch (IOException ignored) {
        }
    }

    // ---------------------------------------------------------------- phase: start-to-ready

    static final class ColdStart implements Phase {
        public String name() {
            return "cold";
        }

        public void run(Context ctx) throws Exception {
            Figure f = ctx.figure("start-to-ready", "Start to ready (ms, cold starts of bin/rapid + EchoRuntime)",
                    "measure", "runs", "median ms", "min ms", "max ms");
            List<Double> ports = new ArrayList<>();
            List<Double> ready = new ArrayList<>();
            long deadline = System.nanoTime() + ctx.opts.phaseTimeoutMs * 1_000_000L * Math.max(1, ctx.opts.runs);
            byte[] event = payload(100);
            for (int i = 0; i < ctx.opts.runs && System.nanoTime() < deadline && !Daemon.shuttingDown; i++) {
                ctx.daemonTried = true;
                Daemon d = null;
                try {
                    d = Daemon.start(ctx.rapid, ctx.bootstrap);
                    d.awaitPorts(30_000);
                    ctx.daemonRan = true;
                    double portsMs = (d.portsNanos - d.startNanos) / 1e6;
                    long invokeDeadline = System.nanoTime() + 30_000_000_000L;
                    double readyMs = -1;
                    while (System.nanoTime() < invokeDeadline && d.process.isAlive()) {
                        try (Client c = new Client(d.invokePort)) {
                            Client.Result r = c.invoke(event);
                            if (r.status == 200) {
                                readyMs = (r.lastNanos - d.startNanos) / 1e6;
                                break;
                            }
                        } catch (ConnectException e) {
                            // not listening yet
                        } catch (IOException e) {
                            LOG.println("bench: cold invoke: " + e);
                        }
                        Thread.sleep(1);
                    }
                    LOG.printf(Locale.ROOT, "bench: cold run %d: ports %.1f ms, first invoke %.1f ms%n", i + 1,
                            portsMs, readyMs);
                    ports.add(portsMs);
                    if (readyMs >= 0) {
                        ready.add(readyMs);
                    } else {
                        ctx.errors.add("cold run " + (i + 1) + ": no 200 answer within 30 s; stderr: " + d.tail());
                    }
                } catch (Exception e) {
                    ctx.errors.add("cold run " + (i + 1) + ": " + e);
                    LOG.println("bench: cold run " + (i + 1) + " failed: " + e);
                } finally {
                    if (d != null) {
                        d.stop();
                    }
                }
            }
            addRow(f, "exec → ports line on stderr", ports);
            addRow(f, "exec → first invoke answered 200", ready);
            f.extra.put("ports_ms_samples", ports);
            f.extra.put("first_invoke_ms_samples", ready);
        }

        static void addRow(Figure f, String measure, List<Double> xs) {
            double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            f.row("measure", measure, "runs", s.length, "median ms", s.length == 0 ? null : median(s),
                    "min ms", s.length == 0 ? null : s[0], "max ms", s.length == 0 ? null : s[s.length - 1]);
        }
    }

    // ---------------------------------------------------------------- phase: warm invokes + RSS

    static final class WarmInvokes implements Phase {
        public String name() {
            return "warm";
        }

        public void run(Context ctx) throws Exception {
            Options o = ctx.opts;
            Figure f = ctx.figure("warm-invokes",
                    "Warm invokes (one daemon, one keep-alive connection, sequential; latency in µs)",
                    "event", "bytes", "warm-up", "n", "errors", "p50 µs", "p90 µs", "p99 µs", "max µs",
                    "invokes/s");
            Figure rss = rssFigure(ctx);
            Daemon d = ctx.warmDaemon();
            record Spec(String label, int size, int warm, int n) { }
            List<Spec> specs = List.of(new Spec("100 B", 100, o.warmTiny, o.nTiny),
                    new Spec("1 MiB", 1 << 20, o.warm1m, o.n1m),
                    new Spec("5.5 MiB", 5_767_168, o.warm5m, o.n5m));
            Client c = new Client(d.invokePort);
            try {
                boolean first = true;
                for (Spec s : specs) {
                    byte[] event = payload(s.size);
                    long deadline = System.nanoTime() + o.phaseTimeoutMs * 1_000_000L;
                    if (!first) {
                        d.resetPeak();
                    }
                    int[] errors = new int[1];
                    c = loop(c, d, event, s.warm, deadline, null, errors);
                    if (first) {
                        // idle after warm-up: peak since daemon start, then RSS after a 1 s settle
                        rss.row("phase", "start + warm-up (100 B × " + s.warm + ")", "VmHWM peak MiB", d.hwmMiB(),
                                "VmRSS idle after MiB", settleRss(d));
                        first = false;
                    }
                    d.resetPeak();
                    long[] lat = new long[s.n];
                    errors[0] = 0;
                    long t0 = System.nanoTime();
                    c = loop(c, d, event, s.n, deadline, lat, errors);
                    long elapsed = System.nanoTime() - t0;
                    int done = (int) Math.min(s.n, countDone);
                    double hwm = d.hwmMiB();
                    long[] xs = Arrays.copyOf(lat, done);
                    Arrays.sort(xs);
                    f.row("event", s.label + " JSON string", "bytes", (long) s.size, "warm-up", (long) s.warm,
                            "n", (long) done, "errors", (long) errors[0],
                            "p50 µs", pct(xs, 50) / 1e3, "p90 µs", pct(xs, 90) / 1e3, "p99 µs", pct(xs, 99) / 1e3,
                            "max µs", done == 0 ? null : xs[done - 1] / 1e3,
                            "invokes/s", done == 0 ? null : done / (elapsed / 1e9));
                    rss.row("phase", s.label + " × " + done, "VmHWM peak MiB", hwm, "VmRSS idle after MiB",
                            settleRss(d));
                    LOG.printf(Locale.ROOT, "bench: %s: %d invokes, %d errors, p50 %.1f µs%n", s.label, done,
                            errors[0], pct(xs, 50) / 1e3);
                    if (done < s.n) {
                        ctx.errors.add(s.label + ": only " + done + " of " + s.n + " invokes within the time bound");
                    }
                }
            } finally {
                c.close();
            }
        }

        long countDone;

        /**
         * Runs up to n invokes of event until the deadline, recording latencies (ns) in lat when not null.
         * Reconnects once per failure; returns the (possibly new) client.
         */
        Client loop(Client c, Daemon d, byte[] event, int n, long deadline, long[] lat, int[] errors)
                throws IOException {
            countDone = 0;
            for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
                long t0 = System.nanoTime();
                try {
                    Client.Result r = c.invoke(event);
                    if (lat != null) {
                        lat[i] = r.lastNanos - t0;
                    }
                    if (r.status != 200 || !Arrays.equals(r.body, event)) {
                        errors[0]++;
                    }
                    if (r.close) {
                        c.close();
                        c = new Client(d.invokePort);
                    }
                } catch (IOException e) {
                    errors[0]++;
                    if (lat != null) {
                        lat[i] = System.nanoTime() - t0;
                    }
                    c.close();
                    if (!d.process.isAlive()) {
                        throw new IOException("daemon exited: " + d.tail());
                    }
                    c = new Client(d.invokePort);
                }
                countDone = i + 1;
            }
            return c;
        }
    }

    static Figure rssFigure(Context ctx) {
        return ctx.figure("rss", "Daemon RSS (MiB; VmHWM reset before each phase, VmRSS after a 1 s settle)",
                "phase", "VmHWM peak MiB", "VmRSS idle after MiB");
    }

    static Double settleRss(Daemon d) {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return d.rssMiB();
    }

    // ---------------------------------------------------------------- phase: streaming

    static final class Streaming implements Phase {
        public String name() {
            return "stream";
        }

        public void run(Context ctx) throws Exception {
            Options o = ctx.opts;
            Figure f = ctx.figure("streaming",
                    "Streamed answer (runtime: chunk, 50 ms sleep, chunk, end; ms from request write)",
                    "measure", "n", "errors", "p50 ms", "min ms", "max ms");
            Figure rss = rssFigure(ctx);
            Daemon d = ctx.warmDaemon();
            byte[] event = "STREAM bench".getBytes(StandardCharsets.US_ASCII);
            byte[] expected = "firstsecond".getBytes(StandardCharsets.US_ASCII);
            long deadline = System.nanoTime() + o.phaseTimeoutMs * 1_000_000L;
            List<Double> ttfb = new ArrayList<>();
            List<Double> ttlb = new ArrayList<>();
            int errors = 0;
            d.resetPeak();
            Client c = new Client(d.invokePort);
            try {
                for (int i = 0; i < o.warmStream + o.nStream && System.nanoTime() < deadline; i++) {
                    long t0 = System.nanoTime();
                    boolean measured = i >= o.warmStream;
                    try {
                        Client.Result r = c.invoke(event);
                        boolean ok = r.status == 200 && Arrays.equals(r.body, expected);
                        if (measured) {
                            if (!ok) {
                                errors++;
                                if (errors == 1) {
                                    ctx.errors.add("stream: first bad answer: status " + r.status + ", body "
                                            + new String(r.body, 0, Math.min(200, r.body.length),
                                                    StandardCharsets.UTF_8));
                                }
                            }
                            ttfb.add((r.firstNanos - t0) / 1e6);
                            ttlb.add((r.lastNanos - t0) / 1e6);
                        }
                        if (r.close) {
                            c.close();
                            c = new Client(d.invokePort);
                        }
                    } catch (IOException e) {
                        if (measured) {
                            errors++;
                        }
                        c.close();
                        if (!d.process.isAlive()) {
                            throw new IOException("daemon exited: " + d.tail());
                        }
                        c = new Client(d.invokePort);
                    }
                }
            } finally {
                c.close();
            }
            row(f, "time to first byte", ttfb, errors);
            row(f, "time to last byte", ttlb, errors);
            f.extra.put("ttfb_ms_samples", ttfb);
            f.extra.put("ttlb_ms_samples", ttlb);
            rss.row("phase", "streaming × " + ttfb.size(), "VmHWM peak MiB", d.hwmMiB(), "VmRSS idle after MiB",
                    settleRss(d));
        }

        static void row(Figure f, String measure, List<Double> xs, int errors) {
            double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            f.row("measure", measure, "n", (long) s.length, "errors", (long) errors,
                    "p50 ms", s.length == 0 ? null : median(s), "min ms", s.length == 0 ? null : s[0],
                    "max ms", s.length == 0 ? null : s[s.length - 1]);
        }
    }

    // ---------------------------------------------------------------- the daemon process

    static final class Daemon {
        static final Pattern PORTS = Pattern.compile("invoke=([^\\s:]+):(\\d+) runtime-api=([^\\s:]+):(\\d+)");
        static final Set<Daemon> LIVE = ConcurrentHashMap.newKeySet();
        /** Guards starting vs. stopping all: once shutting down, no daemon is started (or left running). */
        static final Object LIFECYCLE = new Object();
        static volatile boolean shuttingDown;

        final Process process;
        final long pid;
        final long startNanos;
        volatile long portsNanos;
        volatile int invokePort;
        volatile int runtimePort;
        /** REPORT lines on stdout so far: one per finished invoke (the soak waits for Event invokes with it). */
        final java.util.concurrent.atomic.AtomicLong reports = new java.util.concurrent.atomic.AtomicLong();
        private final ArrayDeque<String> tail = new ArrayDeque<>();
        private final Object portsLock = new Object();
        private boolean stopped;

        private Daemon(Process process, long startNanos) {
            this.process = process;
            this.pid = process.pid();
            this.startNanos = startNanos;
        }

        static Daemon start(Path rapid, Path bootstrap) throws IOException {
            return start(rapid, bootstrap, Map.of(), false);
        }

        /** A daemon with extra environment; discardStdout sends the printed log stream to /dev/null, unread. */
        static Daemon start(Path rapid, Path bootstrap, Map<String, String> env, boolean discardStdout)
                throws IOException {
            ProcessBuilder pb = new ProcessBuilder(rapid.toString(),
                    "--runtime-interface-emulator-address", "127.0.0.1:0",
                    "--runtime-api-address", "127.0.0.1:0", bootstrap.toString());
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            pb.environment().putAll(env);
            if (discardStdout) {
                pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            }
            Daemon d;
            synchronized (LIFECYCLE) {
                if (shuttingDown) {
                    throw new IOException("shutting down");
                }
                long t0 = System.nanoTime();
                Process p = pb.start();
                d = new Daemon(p, t0);
                LIVE.add(d);
            }
            Process p = d.process;
            Thread err = new Thread(() -> d.pump(p.getErrorStream(), true), "bench-daemon-stderr-" + d.pid);
            Thread out = new Thread(() -> d.pump(p.getInputStream(), false), "bench-daemon-stdout-" + d.pid);
            err.setDaemon(true);
            out.setDaemon(true);
            err.start();
            if (!discardStdout) {
                out.start();
            }
            return d;
        }

        private void pump(InputStream in, boolean stderr) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                int n;
                while ((n = in.read(buf)) > 0) {
                    for (int i = 0; i < n; i++) {
                        if (buf[i] == '\n') {
                            onLine(line.toString(StandardCharsets.UTF_8), stderr);
                            line.reset();
                        } else if (line.size() < 4096) {
                            line.write(buf[i]);
                        }
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
            if (line.size() > 0) {
                onLine(line.toString(StandardCharsets.UTF_8), stderr);
            }
        }

        private void onLine(String line, boolean stderr) {
            long now = System.nanoTime();
            if (!stderr && line.startsWith("REPORT RequestId:")) {
                reports.incrementAndGet();
            }
            if (stderr && portsNanos == 0) {
                Matcher m = PORTS.matcher(line);
                if (m.find()) {
                    synchronized (portsLock) {
                        invokePort = Integer.parseInt(m.group(2));
                        runtimePort = Integer.parseInt(m.group(4));
                        portsNanos = now;
                        portsLock.notifyAll();
                    }
                }
            }
            synchronized (tail) {
                tail.addLast((stderr ? "" : "[stdout] ") + line);
                while (tail.size() > 20) {
                    tail.removeFirst();
                }
            }
        }

        String tail() {
            synchronized (tail) {
                return String.join(" | ", tail);
            }
        }

        void awaitPorts(long timeoutMs) throws Exception {
            long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
            synchronized (portsLock) {
                while (portsNanos == 0) {
                    long left = (deadline - System.nanoTime()) / 1_000_000L;
                    if (left <= 0) {
                        throw new IOException("no ports line on stderr within " + timeoutMs + " ms: " + tail());
                    }
                    if (!process.isAlive()) {
                        portsLock.wait(200); // let the pump read the last lines
                        if (portsNanos == 0) {
                            throw new IOException("daemon exited with " + process.exitValue() + ": " + tail());
                        }
                        break;
                    }
                    portsLock.wait(Math.min(left, 50));
                }
            }
        }

        /** Resets the peak RSS (VmHWM) of the daemon: echo 5 > /proc/PID/clear_refs. */
        void resetPeak() {
            try {
                Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
            } catch (IOException e) {
                LOG.println("bench: cannot reset VmHWM of " + pid + ": " + e);
            }
        }

        Double rssMiB() {
            return status("VmRSS");
        }

        Double hwmMiB() {
            return status("VmHWM");
        }

        private Double status(String key) {
            try {
                for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                    if (l.startsWith(key + ":")) {
                        String kb = l.substring(key.length() + 1).trim().split("\\s+")[0];
                        return Long.parseLong(kb) / 1024.0;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // process gone
            }
            return null;
        }

        /** Stops the daemon and its descendants, by PID: SIGTERM, then SIGKILL after 3 s. */
        void stop() {
            synchronized (this) {
                if (stopped) {
                    return;
                }
                stopped = true;
            }
            List<ProcessHandle> all = new ArrayList<>();
            all.add(process.toHandle());
            try {
                all.addAll(process.toHandle().descendants().collect(Collectors.toList()));
            } catch (RuntimeException ignored) {
            }
            for (ProcessHandle h : all) {
                h.destroy();
            }
            long deadline = System.nanoTime() + 3_000_000_000L;
            for (ProcessHandle h : all) {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    try {
                        h.onExit().get(left, TimeUnit.NANOSECONDS);
                    } catch (Exception ignored) {
                        // timed out
                    }
                }
            }
            for (ProcessHandle h : all) {
                if (h.isAlive()) {
                    LOG.println("bench: SIGKILL " + h.pid());
                    h.destroyForcibly();
                }
            }
            try {
                process.waitFor(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            LIVE.remove(this);
        }

        /** Stops every daemon started here; with shutdown, no more can be started afterwards. */
        static void stopAll(boolean shutdown) {
            List<Daemon> all;
            synchronized (LIFECYCLE) {
                if (shutdown) {
                    shuttingDown = true;
                }
                all = List.copyOf(LIVE);
            }
            for (Daemon d : all) {
                d.stop();
            }
        }
    }

    // ---------------------------------------------------------------- raw HTTP/1.1 invoke client

    static final class Client implements AutoCloseable {
        static final String PATH = "/2015-03-31/functions/function/invocations";

        record Result(int status, byte[] body, long firstNanos, long lastNanos, boolean close, String functionError) { }

        final Socket socket;
        final InputStream in;
        final OutputStream out;
        final byte[] buf = new byte[1 << 16];
        int pos, lim;
        final String host;

        Client(int port) throws IOException {
            socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.setSoTimeout(30_000);
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            } catch (IOException e) {
                socket.close();
                throw e;
            }
            in = socket.getInputStream();
            out = socket.getOutputStream();
            host = "127.0.0.1:" + port;
        }

        Result invoke(byte[] body) throws IOException {
            return invoke(body, "");
        }

        /** An invoke with extra header lines ({@code "Name: value\r\n"} each). */
        Result invoke(byte[] body, String extraHeaders) throws IOException {
            byte[] head = ("POST " + PATH + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + extraHeaders + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            if (body.length <= 64 * 1024) {
                byte[] all = Arrays.copyOf(head, head.length + body.length);
                System.arraycopy(body, 0, all, head.length, body.length);
                out.write(all);
            } else {
                out.write(head);
                out.write(body);
            }
            out.flush();
            String statusLine = readLine();
            int sp = statusLine.indexOf(' ');
            int status = Integer.parseInt(statusLine.substring(sp + 1, sp + 4));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            String functionError = null;
            String line;
            while (!(line = readLine()).isEmpty()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    case "x-amz-function-error" -> functionError = value;
                    default -> { }
                }
            }
            long first = 0;
            byte[] result;
            if (chunked) {
                ByteArrayOutputStream acc = new ByteArrayOutputStream();
                while (true) {
                    String size = readLine();
                    int semi = size.indexOf(';');
                    int n = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                    if (n == 0) {
                        while (!readLine().isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    byte[] data = new byte[n];
                    readFully(data, 0, n);
                    if (first == 0) {
                        first = System.nanoTime();
                    }
                    acc.write(data);
                    readLine();
                }
                result = acc.toByteArray();
            } else if (length >= 0) {
                result = new byte[(int) length];
                if (length > 0) {
                    fill();
                    first = System.nanoTime();
                }
                readFully(result, 0, result.length);
            } else {
                throw new IOException("response without length");
            }
            long last = System.nanoTime();
            return new Result(status, result, first == 0 ? last : first, last, close, functionError);
        }

        private void fill() throws IOException {
            if (pos < lim) {
                return;
            }
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                throw new IOException("connection closed");
            }
            pos = 0;
            lim = n;
        }

        private void readFully(byte[] dst, int off, int len) throws IOException {
            while (len > 0) {
                if (pos == lim) {
                    if (len >= buf.length) { // large: read directly
                        int n = in.read(dst, off, len);
                        if (n <= 0) {
                            throw new IOException("connection closed in body");
                        }
                        off += n;
                        len -= n;
                        continue;
                    }
                    fill();
                }
                int k = Math.min(len, lim - pos);
                System.arraycopy(buf, pos, dst, off, k);
                pos += k;
                off += k;
                len -= k;
            }
        }

        private String readLine() throws IOException {
            StringBuilder sb = new StringBuilder(64);
            while (true) {
                fill();
                byte b = buf[pos++];
                if (b == '\n') {
                    int l = sb.length();
                    if (l > 0 && sb.charAt(l - 1) == '\r') {
                        sb.setLength(l - 1);
                    }
                    return sb.toString();
                }
                if (sb.length() > 16384) {
                    throw new IOException("header line too long");
                }
                sb.append((char) (b & 0xff));
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    /** A JSON string event of exactly size bytes: "abcd...". */
    static byte[] payload(int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) ('a' + i % 26);
        }
        b[0] = '"';
        b[size - 1] = '"';
        return b;
    }

    static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    /** Nearest-rank percentile of sorted values, NaN when empty. */
    static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    static String fmt(Object v) {
        if (v == null) {
            return "–";
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return "–";
            }
            double a = Math.abs(d);
            return String.format(Locale.ROOT, a >= 1000 ? "%,.0f" : a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", d);
        }
        if (v instanceof Long l) {
            return String.format(Locale.ROOT, "%,d", l);
        }
        return v.toString();
    }

    static void writeJson(Context ctx, Instant started, String[] args) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("started", started.toString());
        root.put("args", List.of(args));
        root.put("java", System.getProperty("java.version"));
        root.put("options", ctx.opts.asMap);
        List<Object> figs = new ArrayList<>();
        for (Figure f : ctx.figures.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", f.name);
            m.put("title", f.title);
            m.put("columns", f.columns);
            m.put("rows", f.rows);
            m.putAll(f.extra);
            figs.add(m);
        }
        root.put("figures", figs);
        root.put("errors", ctx.errors);
        StringBuilder sb = new StringBuilder();
        json(sb, root, "");
        sb.append('\n');
        try {
            // relative to the caller's directory (bin/bench runs from the repo root and passes -Dbench.cwd)
            Path p = Path.of(System.getProperty("bench.cwd", "")).toAbsolutePath().resolve(ctx.opts.json);
            Files.writeString(p, sb.toString());
            LOG.println("bench: wrote " + p);
        } catch (IOException e) {
            LOG.println("bench: cannot write JSON: " + e);
        }
    }

    static void json(StringBuilder sb, Object v, String indent) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Double d) {
            sb.append(d.isNaN() || d.isInfinite() ? "null" : String.format(Locale.ROOT, "%.3f", d));
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else if (v instanceof Map<?, ?> m) {
            String in = indent + "  ";
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sb.append(first ? "\n" : ",\n").append(in);
                first = false;
                str(sb, e.getKey().toString());
                sb.append(": ");
                json(sb, e.getValue(), in);
            }
            sb.append(first ? "}" : "\n" + indent + "}");
        } else if (v instanceof List<?> l) {
            boolean scalars = l.stream().allMatch(x -> x == null || x instanceof Number || x instanceof String);
            if (scalars) {
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        sb.append(", ");
                    }
                    json(sb, l.get(i), indent);
                }
                sb.append(']');
            } else {
                String in = indent + "  ";
                sb.append('[');
                for (int i = 0; i < l.size(); i++) {
                    sb.append(i == 0 ? "\n" : ",\n").append(in);
                    json(sb, l.get(i), in);
                }
                sb.append(l.isEmpty() ? "]" : "\n" + indent + "]");
            }
        } else {
            str(sb, v.toString());
        }
    }

    static void str(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
