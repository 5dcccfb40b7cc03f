import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The telemetry phase of bin/bench (its usage says what is measured). Each setup gets a daemon of its own, with the
 * subscriber extension (tests/bench/TelemetrySubscriber.java) alone in a fresh extensions dir, because a
 * subscription can only be made during init. Every daemon here sends its printed log stream to /dev/null: the
 * bench reading a million lines would compete with the delivery for the two cores. CPU figures are the processes'
 * user + system time over the measured span (ProcessHandle, 10 ms ticks on Linux).
 */
final class Telemetry implements Bench.Phase {
    static final int LINE_BYTES = 100;
    static final String ALL_TYPES = "platform,function";
    static final String HUB = "io.rapidjava.telemetry.TelemetryHub";
    static final long STATUS_WAIT_MS = 30_000;
    /** Delivery is over when nothing more arrives for this long (batches close within the buffering timeout). */
    static final long QUIET_MS = 2_000;
    static final long SETTLE_MAX_MS = 30_000;
    /** 100 B invokes a daemon gets in a row before the next one's turn: drifts in the machine's load hit all alike. */
    static final int TURN = 250;
    static final double LINES_PER_S_TARGET = 100_000, P50_GROWTH_TARGET = 0.10, RSS_GROWTH_TARGET_MIB = 8;

    /** Who listens: nobody (mode null), or the subscriber keeping up or stalled, for these types. */
    /** {@code rate}: lines a second the runtime prints at most (0: flat out). */
    record Setup(String label, String mode, String types, long rate) {
        Setup(String label, String mode, String types) {
            this(label, mode, types, 0);
        }

        boolean subscribes() {
            return mode != null;
        }
    }

    record Delivery(long printed, long delivered, double deliveredPerS, Double rss) { }

    record Tiny(double p50, double p99, Double rss, ClassLoads classes) { }

    /** What a -Xlog:class+load file names: how many classes in all, and which of io.rapidjava.telemetry. */
    record ClassLoads(long logged, List<String> telemetry) {
        boolean hub() {
            return telemetry.contains(HUB);
        }
    }

    private Bench.Context ctx;
    private Path dir;
    private Path classes;
    private int started;

    public String name() {
        return "telemetry";
    }

    public void run(Bench.Context ctx) throws Exception {
        this.ctx = ctx;
        if (ctx.warm != null) {
            ctx.warm.stop(); // it would idle beside every daemon of this phase
        }
        dir = Files.createDirectories(Bench.tmpDir.resolve("telemetry"));
        classes = compileSubscriber();
        Setup nobody = new Setup("none", null, null);
        Setup keepingUp = new Setup("keeping up (" + ALL_TYPES + ")", "keep-up", ALL_TYPES);
        Setup paced = new Setup(String.format(Locale.ROOT, "keeping up (%s), runtime at %,d lines/s", ALL_TYPES,
                ctx.opts.telRate), "keep-up", ALL_TYPES, ctx.opts.telRate);
        Setup stalling = new Setup("stalled (" + ALL_TYPES + ")", "stalled", ALL_TYPES);

        Bench.Figure delivery = ctx.figure("telemetry-delivery", "Telemetry delivery (chatty runtime, "
                        + LINE_BYTES + " B lines, one HTTP subscriber, buffering " + ctx.opts.telBuffering
                        + "; Δ against none)",
                "subscriber", "subscription", "lines printed", "delivered", "lost", "printed lines/s",
                "delivered lines/s", "batches", "platform records", "daemon CPU µs/line", "subscriber CPU µs/line",
                "VmHWM peak MiB", "VmRSS idle after MiB", "ΔVmRSS MiB");
        Delivery bare = attempt("delivery, subscriber none", () -> deliver(delivery, nobody, null));
        Delivery keepUp = attempt("delivery, subscriber " + keepingUp.label, () -> deliver(delivery, keepingUp, bare));
        Delivery keepUpPaced = ctx.opts.telRate <= 0 ? null
                : attempt("delivery, subscriber " + paced.label, () -> deliver(delivery, paced, bare));
        Delivery stalled = attempt("delivery, subscriber " + stalling.label, () -> deliver(delivery, stalling, bare));

        int rounds = ctx.opts.telRounds;
        Bench.Figure tiny = ctx.figure("telemetry-tiny", "100 B invokes by subscriber (a daemon each, taking turns of "
                        + TURN + " as warm-invokes; Δ against none; none again is the run's noise; " + rounds
                        + (rounds == 1 ? " round" : " rounds, #N, of fresh daemons") + ")",
                "subscriber", "subscription", "n", "errors", "p50 µs", "p90 µs", "p99 µs", "invokes/s", "batches",
                "records delivered", "daemon CPU µs/invoke", "subscriber CPU µs/invoke", "VmHWM peak MiB",
                "VmRSS idle after MiB", "Δp50 %", "Δp99 µs", "ΔVmRSS MiB");
        Bench.Figure loaded = ctx.figure("telemetry-classes",
                "Telemetry classes loaded by the daemon (-Xlog:class+load, after the 100 B invokes)",
                "subscriber", "TelemetryHub loaded", "io.rapidjava.telemetry classes", "classes logged");
        List<Setup> setups = List.of(nobody, new Setup("platform only", "keep-up", "platform"), stalling,
                new Setup("none again", null, null));
        // two daemons of one build differ by several percent on p50 (code layout, JIT order): one round's deltas
        // are a single draw of that, so the targets are judged on the rounds' medians
        List<List<Tiny>> byRound = new ArrayList<>();
        for (int r = 1; r <= rounds; r++) {
            String round = rounds == 1 ? "" : " #" + r;
            List<Tiny> results = attempt("100 B" + round, () -> compare(tiny, loaded, setups, round));
            byRound.add(results == null ? Arrays.asList(new Tiny[setups.size()]) : results);
        }
        targets(bare, keepUpPaced, keepUp, stalled, byRound);
    }

    interface Step<T> {
        T run() throws Exception;
    }

    /** One measurement; its failure is recorded and the phase goes on with the next. */
    <T> T attempt(String what, Step<T> step) {
        try {
            return step.run();
        } catch (Exception e) {
            ctx.errors.add("telemetry " + what + ": " + e);
            Bench.LOG.println("bench: telemetry " + what + " failed: " + e);
            return null;
        }
    }

    // ---------------------------------------------------------------- delivery

    /** Warm-up lines, then the measured lines; a subscriber keeping up is waited for until they are delivered. */
    Delivery deliver(Bench.Figure f, Setup setup, Delivery bare) throws Exception {
        Bench.Options o = ctx.opts;
        Subscriber sub = setup.subscribes() ? install(setup) : null;
        Bench.Daemon d = start(setup, sub, null);
        try (Invoker invoker = new Invoker(d)) {
            if (sub != null && !subscribed(d, sub, "delivery, subscriber " + setup.label)) {
                f.row("subscriber", setup.label, "subscription", sub.describe());
                return null;
            }
            boolean keepsUp = "keep-up".equals(setup.mode);
            long deadline = System.nanoTime() + o.phaseTimeoutMs * 1_000_000L;
            long warm = invoker.chat(o.telWarmLines, o.telLinesPerInvoke, setup.rate, deadline);
            if (keepsUp) {
                settle(sub, warm);
            }
            if (sub != null) {
                sub.counts(true);
            }
            d.resetPeak();
            invoker.errors = 0;
            Duration cpu0 = cpu(d.pid);
            Duration subCpu0 = sub == null ? null : cpu(sub.pid());
            deadline = System.nanoTime() + o.phaseTimeoutMs * 1_000_000L;
            long t0 = System.nanoTime();
            long printed = invoker.chat(o.telLines, o.telLinesPerInvoke, setup.rate, deadline);
            double printS = (System.nanoTime() - t0) / 1e9;
            Map<String, Long> c = keepsUp ? settle(sub, printed) : sub != null ? sub.counts(false) : Map.of();
            Double cpuPerLine = perUnitMicros(cpu0, cpu(d.pid), printed);
            Double subCpuPerLine = sub == null ? null : perUnitMicros(subCpu0, cpu(sub.pid()), printed);
            Double hwm = d.hwmMiB();
            Double rss = Bench.settleRss(d);
            Long delivered = sub == null ? null : c.getOrDefault("type.function", 0L);
            long windowUs = c.getOrDefault("function_last_us", 0L) - c.getOrDefault("function_first_us", 0L);
            // the first batch arrives at the window's start: the rate is of the lines that came after it
            double perS = delivered == null || windowUs <= 0 ? Double.NaN
                    : (delivered - c.getOrDefault("function_first_batch", 0L)) / (windowUs / 1e6);
            f.row("subscriber", setup.label, "subscription", sub == null ? "–" : sub.describe(),
                    "lines printed", printed, "delivered", delivered,
                    "lost", delivered == null ? null : printed - delivered, "printed lines/s", printed / printS,
                    "delivered lines/s", perS, "batches", sub == null ? null : c.getOrDefault(keepsUp ? "batches"
                            : "posts", 0L), "platform records", sub == null ? null : platformRecords(c),
                    "daemon CPU µs/line", cpuPerLine, "subscriber CPU µs/line", subCpuPerLine,
                    "VmHWM peak MiB", hwm, "VmRSS idle after MiB", rss,
                    "ΔVmRSS MiB", bare == null || bare.rss == null || rss == null ? null : rss - bare.rss);
            if (invoker.errors > 0) {
                ctx.errors.add("telemetry delivery, subscriber " + setup.label + ": " + invoker.errors
                        + " chatty invokes failed");
            }
            if (printed < o.telLines) {
                ctx.errors.add("telemetry delivery, subscriber " + setup.label + ": only " + printed + " of "
                        + o.telLines + " lines printed within the time bound");
            }
            Bench.LOG.printf(Locale.ROOT, "bench: telemetry delivery, subscriber %s: %d lines printed, %s delivered,"
                    + " %.0f lines/s%n", setup.label, printed, delivered == null ? "–" : delivered, perS);
            return new Delivery(printed, delivered == null ? 0 : delivered, perS, rss);
        } finally {
            d.stop();
        }
    }

    /** Polls the counts until expected function lines arrived, or none for QUIET_MS (bounded by SETTLE_MAX_MS). */
    static Map<String, Long> settle(Subscriber sub, long expected) throws Exception {
        long end = System.nanoTime() + SETTLE_MAX_MS * 1_000_000L;
        long last = -1;
        long quietSince = System.nanoTime();
        while (true) {
            Map<String, Long> c = sub.counts(false);
            long got = c.getOrDefault("type.function", 0L);
            long now = System.nanoTime();
            if (got >= expected || now > end) {
                return c;
            }
            if (got != last) {
                last = got;
                quietSince = now;
            } else if (now - quietSince > QUIET_MS * 1_000_000L) {
                return c;
            }
            Thread.sleep(50);
        }
    }

    static long platformRecords(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getKey().startsWith("type.platform"))
                .mapToLong(Map.Entry::getValue).sum();
    }

    // ---------------------------------------------------------------- 100 B invokes

    /** A setup's daemon in the 100 B comparison: its connection, its latencies so far, its CPU at the start. */
    static final class Contender {
        final Setup setup;
        final Subscriber sub;
        final Bench.Daemon daemon;
        final Path classLog;
        Bench.Client client;
        long[] lat;
        int done;
        int errors;
        long busyNanos;
        Duration cpu0;
        Duration subCpu0;
        boolean failed;
        /** Platform records the subscriber had counted after the last turn. */
        long platformSeen;

        Contender(Setup setup, Subscriber sub, Bench.Daemon daemon, Path classLog) {
            this.setup = setup;
            this.sub = sub;
            this.daemon = daemon;
            this.classLog = classLog;
        }
    }

    /**
     * The warm phase's 100 B loop for each setup in a daemon of its own, its class loads logged: all warmed up,
     * then measured in turns. A result per setup, null for one that is refused or fails.
     */
    List<Tiny> compare(Bench.Figure f, Bench.Figure loaded, List<Setup> setups, String round) throws Exception {
        Bench.Options o = ctx.opts;
        List<Contender> all = new ArrayList<>();
        try {
            for (Setup s : setups) {
                Contender c = attempt("100 B" + round + ", subscriber " + s.label, () -> enter(f, s, round));
                if (c != null) {
                    all.add(c);
                }
            }
            byte[] event = Bench.payload(100);
            Bench.WarmInvokes loop = new Bench.WarmInvokes();
            long deadline = System.nanoTime() + o.phaseTimeoutMs * 1_000_000L * Math.max(1, all.size());
            for (Contender c : all) {
                turn(c, loop, event, o.warmTiny, deadline, null);
                delivered(c, o.warmTiny);
            }
            for (Contender c : all) {
                if (c.sub != null) {
                    c.sub.counts(true);
                    c.platformSeen = 0;
                }
                c.daemon.resetPeak();
                c.lat = new long[o.nTiny];
                c.errors = 0;
                c.cpu0 = cpu(c.daemon.pid);
                c.subCpu0 = c.sub == null ? null : cpu(c.sub.pid());
            }
            boolean more = true;
            while (more && System.nanoTime() < deadline) {
                more = false;
                for (Contender c : all) {
                    if (!c.failed && c.done < o.nTiny) {
                        long t0 = System.nanoTime();
                        int n = Math.min(TURN, o.nTiny - c.done);
                        turn(c, loop, event, n, deadline, c.lat);
                        c.busyNanos += System.nanoTime() - t0;
                        delivered(c, n);
                        more |= c.done < o.nTiny;
                    }
                }
            }
            Map<Contender, Double> hwm = new HashMap<>();
            Map<Contender, Double[]> cpu = new HashMap<>();
            for (Contender c : all) {
                hwm.put(c, c.daemon.hwmMiB());
                cpu.put(c, new Double[] {perUnitMicros(c.cpu0, cpu(c.daemon.pid), c.done),
                        c.sub == null ? null : perUnitMicros(c.subCpu0, cpu(c.sub.pid()), c.done)});
            }
            Thread.sleep(1000); // the RSS settle, once for all
            List<Tiny> results = new ArrayList<>();
            Tiny none = null;
            for (Setup s : setups) {
                Contender c = all.stream().filter(x -> x.setup == s).findFirst().orElse(null);
                if (c != null && c.failed) {
                    f.row("subscriber", s.label + round, "subscription", "failed (see the errors)");
                }
                Tiny t = c == null || c.failed ? null : row(f, loaded, c, s.label + round, hwm.get(c), cpu.get(c),
                        none);
                if (none == null && !s.subscribes()) {
                    none = t;
                }
                results.add(t);
            }
            return results;
        } finally {
            for (Contender c : all) {
                if (c.client != null) {
                    c.client.close();
                }
                c.daemon.stop();
            }
        }
    }

    /** Starts a setup's daemon and waits for its subscription; null (with a row saying why) when refused. */
    Contender enter(Bench.Figure f, Setup s, String round) throws Exception {
        Subscriber sub = s.subscribes() ? install(s) : null;
        Path classLog = dir.resolve("class-load-" + (started + 1) + ".log");
        Bench.Daemon d = start(s, sub, classLog);
        if (sub != null && !subscribed(d, sub, "100 B" + round + ", subscriber " + s.label)) {
            f.row("subscriber", s.label + round, "subscription", sub.describe());
            d.stop();
            return null;
        }
        Contender c = new Contender(s, sub, d, classLog);
        c.client = new Bench.Client(d.invokePort);
        return c;
    }

    /** n invokes of one contender, their latencies appended to lat (when not null); a failure takes it out. */
    void turn(Contender c, Bench.WarmInvokes loop, byte[] event, int n, long deadline, long[] lat) {
        if (c.failed) {
            return;
        }
        long[] part = lat == null ? null : new long[n];
        int[] errors = new int[1];
        try {
            c.client = loop.loop(c.client, c.daemon, event, n, deadline, part, errors);
        } catch (IOException e) {
            c.failed = true;
            ctx.errors.add("telemetry 100 B, subscriber " + c.setup.label + ": " + e);
        }
        int k = (int) loop.countDone;
        if (lat != null) {
            System.arraycopy(part, 0, lat, c.done, k);
            c.done += k;
            c.errors += errors[0];
        }
    }

    /**
     * After a turn, until a subscriber keeping up has its three platform records of each of the turn's {@code n}
     * invokes (within 2 s; or once its count has not moved for 200 ms): its batch closes {@code timeoutMs} after the
     * turn, and its delivery must not fall in the next daemon's turn.
     */
    static void delivered(Contender c, int n) throws IOException, InterruptedException {
        if (c.sub == null || c.failed || !"keep-up".equals(c.setup.mode)) {
            return;
        }
        long want = c.platformSeen + 3L * n;
        long end = System.nanoTime() + 2_000_000_000L;
        long quietSince = System.nanoTime();
        long got = -1;
        while (System.nanoTime() < end) {
            long now = platformRecords(c.sub.counts(false));
            if (now >= want) {
                got = now;
                break;
            }
            if (now != got) {
                got = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > 200_000_000L) {
                break;
            }
            Thread.sleep(5);
        }
        c.platformSeen = Math.max(got, c.platformSeen);
    }

    Tiny row(Bench.Figure f, Bench.Figure loaded, Contender c, String label, Double hwm, Double[] cpu, Tiny none)
            throws IOException {
        Bench.Options o = ctx.opts;
        Double rss = c.daemon.rssMiB();
        Map<String, Long> counts = c.sub == null ? null : c.sub.counts(false);
        long[] xs = Arrays.copyOf(c.lat, c.done);
        Arrays.sort(xs);
        double p50 = Bench.pct(xs, 50) / 1e3;
        double p99 = Bench.pct(xs, 99) / 1e3;
        boolean stalled = "stalled".equals(c.setup.mode);
        f.row("subscriber", label, "subscription", c.sub == null ? "–" : c.sub.describe(),
                "n", (long) c.done, "errors", (long) c.errors, "p50 µs", p50, "p90 µs", Bench.pct(xs, 90) / 1e3,
                "p99 µs", p99, "invokes/s", c.done == 0 ? null : c.done / (c.busyNanos / 1e9),
                "batches", counts == null ? null : counts.getOrDefault(stalled ? "posts" : "batches", 0L),
                "records delivered", counts == null ? null : platformRecords(counts)
                        + counts.getOrDefault("type.function", 0L),
                "daemon CPU µs/invoke", cpu[0], "subscriber CPU µs/invoke", cpu[1],
                "VmHWM peak MiB", hwm, "VmRSS idle after MiB", rss,
                "Δp50 %", none == null ? null : (p50 / none.p50 - 1) * 100,
                "Δp99 µs", none == null ? null : p99 - none.p99,
                "ΔVmRSS MiB", none == null || rss == null || none.rss == null ? null : rss - none.rss);
        ClassLoads classes = classLoads(c.classLog);
        loaded.row("subscriber", label, "TelemetryHub loaded", yes(classes.hub()),
                "io.rapidjava.telemetry classes", (long) classes.telemetry.size(), "classes logged", classes.logged);
        loaded.extra.put("classes_" + label.replaceAll("\\W+", "_"), classes.telemetry);
        if (c.done < o.nTiny) {
            ctx.errors.add("telemetry 100 B, subscriber " + label + ": only " + c.done + " of " + o.nTiny
                    + " invokes within the time bound");
        }
        Bench.LOG.printf(Locale.ROOT, "bench: telemetry 100 B, subscriber %s: p50 %.1f µs, p99 %.1f µs%n",
                label, p50, p99);
        return new Tiny(p50, p99, rss, classes);
    }

    /** Reads a -Xlog:class+load file: lines "[...][class,load] NAME source: ...". */
    static ClassLoads classLoads(Path log) throws IOException {
        List<String> telemetry = new ArrayList<>();
        long logged = 0;
        if (Files.exists(log)) {
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                int at = line.indexOf("[class,load] ");
                if (at >= 0) {
                    logged++;
                    String name = line.substring(at + 13).split(" ")[0];
                    if (name.startsWith("io.rapidjava.telemetry.")) {
                        telemetry.add(name);
                    }
                }
            }
        }
        return new ClassLoads(logged, telemetry);
    }

    static Duration cpu(long pid) {
        return pid <= 0 ? null : ProcessHandle.of(pid).flatMap(h -> h.info().totalCpuDuration()).orElse(null);
    }

    static Double perUnitMicros(Duration from, Duration to, long units) {
        return from == null || to == null || units <= 0 ? null : to.minus(from).toNanos() / 1e3 / units;
    }

    // ---------------------------------------------------------------- targets

    /**
     * {@code keepUp}: the paced run (a subscriber keeps up with a runtime that logs at a steady rate above the
     * target); {@code flatOut}: the same subscriber and a runtime logging flat out, shown beside it, since on these
     * two cores the subscriber's pace is then the runtime's and any pause of either drops lines past the bound.
     * {@code rounds}: per round of the 100 B comparison, none, platform only, stalled and none again (null where it
     * failed); each of its targets is judged on the median of the rounds that have its figures.
     */
    void targets(Delivery bare, Delivery keepUp, Delivery flatOut, Delivery stalled, List<List<Tiny>> rounds) {
        Bench.Figure f = ctx.figure("telemetry-targets", "Telemetry targets (issue 12; never fails the run)",
                "target", "measured", "met");
        f.row("target", "≥ 100,000 lines/s delivered, 0 lost, to a subscriber keeping up", "measured",
                keepUp == null ? "–" : String.format(Locale.ROOT, "%,.0f lines/s, %,d lost", keepUp.deliveredPerS,
                        keepUp.printed - keepUp.delivered),
                "met", keepUp == null ? "n/a" : yes(keepUp.deliveredPerS >= LINES_PER_S_TARGET
                        && keepUp.printed == keepUp.delivered));
        f.row("target", "(shown, not a target) the same subscriber, the runtime logging flat out", "measured",
                flatOut == null ? "–" : String.format(Locale.ROOT, "%,.0f lines/s, %,d lost", flatOut.deliveredPerS,
                        flatOut.printed - flatOut.delivered), "met", "–");
        List<Double> p50Growth = new ArrayList<>();
        List<Double> p99Change = new ArrayList<>();
        List<Double> p99Noise = new ArrayList<>();
        List<Double> tinyGrowth = new ArrayList<>();
        for (List<Tiny> round : rounds) {
            Tiny none = round.get(0);
            Tiny platform = round.get(1);
            Tiny stalledTiny = round.get(2);
            Tiny noneAgain = round.get(3);
            // against both daemons without a subscriber, which run first and last in each turn: a drift over the
            // turn order moves the two apart and their mean stays in the middle, where the other two run
            if (none != null && platform != null && noneAgain != null) {
                p50Growth.add((platform.p50 / ((none.p50 + noneAgain.p50) / 2) - 1) * 100);
            }
            if (none != null && stalledTiny != null && noneAgain != null) {
                p99Change.add(stalledTiny.p99 - (none.p99 + noneAgain.p99) / 2);
                p99Noise.add(Math.abs(noneAgain.p99 - none.p99));
            }
            if (none != null && stalledTiny != null && none.rss != null && stalledTiny.rss != null) {
                tinyGrowth.add(stalledTiny.rss - none.rss);
            }
        }
        f.row("target", "a platform-only subscriber adds ≤ 10% to 100 B p50 (against none and none again; median"
                        + " of the rounds)", "measured",
                p50Growth.isEmpty() ? "–" : String.format(Locale.ROOT, "%+.1f%% (rounds: %s)", median(p50Growth),
                        list(p50Growth, "%+.1f%%")),
                "met", p50Growth.isEmpty() ? "n/a" : yes(median(p50Growth) <= P50_GROWTH_TARGET * 100));
        f.row("target", "a stalled subscriber changes 100 B p99 by ≤ the run's noise (medians of the rounds: stalled"
                        + " against none and none again, none again against none)", "measured",
                p99Change.isEmpty() ? "–" : String.format(Locale.ROOT, "%+.0f µs, noise %.0f µs (rounds: %s; noise %s)",
                        median(p99Change), median(p99Noise), list(p99Change, "%+.0f"), list(p99Noise, "%.0f")),
                "met", p99Change.isEmpty() ? "n/a" : yes(median(p99Change) <= median(p99Noise)));
        f.row("target", "a stalled subscriber grows RSS by ≤ 8 MiB (100 B invokes, VmRSS idle against none, median"
                        + " of the rounds)", "measured",
                tinyGrowth.isEmpty() ? "–" : String.format(Locale.ROOT, "%+.1f MiB (rounds: %s)", median(tinyGrowth),
                        list(tinyGrowth, "%+.1f")),
                "met", tinyGrowth.isEmpty() ? "n/a" : yes(median(tinyGrowth) <= RSS_GROWTH_TARGET_MIB));
        Double burstGrowth = bare == null || stalled == null || bare.rss == null || stalled.rss == null ? null
                : stalled.rss - bare.rss;
        f.row("target", "a stalled subscriber grows RSS by ≤ 8 MiB (chatty lines, VmRSS idle against none)",
                "measured", burstGrowth == null ? "–" : String.format(Locale.ROOT, "%+.1f MiB after %,d lines",
                        burstGrowth, stalled.printed),
                "met", burstGrowth == null ? "n/a" : yes(burstGrowth <= RSS_GROWTH_TARGET_MIB));
        // a log that names no class at all would make "not loaded" vacuous; every round's daemons without one count
        List<Tiny> bare100 = new ArrayList<>();
        for (List<Tiny> round : rounds) {
            bare100.add(round.get(0));
            bare100.add(round.get(3));
        }
        boolean logged = bare100.stream().allMatch(t -> t != null && t.classes.logged > 0);
        boolean hub = logged && bare100.stream().anyMatch(t -> t.classes.hub());
        f.row("target", "no subscription: TelemetryHub not loaded", "measured", !logged ? "–"
                        : String.format(Locale.ROOT, "%s; %d io.rapidjava.telemetry classes", hub ? "loaded"
                        : "not loaded", bare100.stream().mapToInt(t -> t.classes.telemetry.size()).max().orElse(0)),
                "met", !logged ? "n/a" : yes(!hub));
    }

    static double median(List<Double> xs) {
        return Bench.median(xs.stream().mapToDouble(Double::doubleValue).sorted().toArray());
    }

    static String list(List<Double> xs, String format) {
        return String.join(", ", xs.stream().map(x -> String.format(Locale.ROOT, format, x)).toList());
    }

    static String yes(boolean met) {
        return met ? "yes" : "no";
    }

    // ---------------------------------------------------------------- daemons and the subscriber

    /** Compiles the subscriber once, so that each init pays its JVM start and not javac. */
    Path compileSubscriber() throws Exception {
        Path out = Files.createDirectories(dir.resolve("classes"));
        Path javac = Path.of(System.getProperty("java.home"), "bin/javac");
        Path source = ctx.opts.repo.resolve("tests/bench/TelemetrySubscriber.java");
        Process p = new ProcessBuilder(javac.toString(), "-d", out.toString(), source.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("javac TelemetrySubscriber failed: " + log);
        }
        return out;
    }

    /** A fresh extensions dir holding the subscriber's bash wrapper (named as it registers). */
    Subscriber install(Setup setup) throws IOException {
        int n = started + 1;
        Path extensions = Files.createDirectories(dir.resolve("extensions-" + n));
        Subscriber sub = new Subscriber(extensions, dir.resolve("subscriber-" + n + ".status"));
        String[] buffering = ctx.opts.telBuffering.split(",");
        Path java = Path.of(System.getProperty("java.home"), "bin/java");
        Path wrapper = extensions.resolve("telemetry-subscriber");
        // C1 only: in runs this short C2's compiles cost the subscriber more CPU than they save
        Files.writeString(wrapper, "#!/usr/bin/env bash\nexec '" + java + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                + " -Xshare:auto -cp '" + classes + "' TelemetrySubscriber '" + sub.statusFile + "' " + setup.mode
                + " " + setup.types + " " + String.join(" ", buffering) + "\n");
        Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        return sub;
    }

    /** A setup's daemon: the subscriber's extensions dir (an empty one without), class loads logged to classLog. */
    Bench.Daemon start(Setup setup, Subscriber sub, Path classLog) throws Exception {
        int n = ++started;
        Path extensions = sub != null ? sub.extensionsDir : Files.createDirectories(dir.resolve("extensions-" + n));
        Map<String, String> env = new HashMap<>();
        env.put("RAPID_EXTENSIONS_DIR", extensions.toString());
        if (classLog != null) {
            String opts = System.getenv().getOrDefault("RAPID_JAVA_OPTS", "");
            env.put("RAPID_JAVA_OPTS", (opts + " -Xlog:class+load=info:file=" + classLog).trim());
        }
        ctx.daemonTried = true;
        Bench.Daemon d = Bench.Daemon.start(ctx.rapid, ctx.bootstrap, env, true);
        try {
            d.awaitPorts(30_000);
        } catch (Exception e) {
            d.stop();
            throw new IOException("subscriber " + setup.label + ": " + e.getMessage(), e);
        }
        ctx.daemonRan = true;
        return d;
    }

    /** Waits for the subscriber's status; a refusal or silence is recorded as an error, never waited out. */
    boolean subscribed(Bench.Daemon d, Subscriber sub, String what) throws Exception {
        long end = System.nanoTime() + STATUS_WAIT_MS * 1_000_000L;
        while (!Files.exists(sub.statusFile) && System.nanoTime() < end && d.process.isAlive()) {
            Thread.sleep(20);
        }
        if (Files.exists(sub.statusFile)) {
            for (String line : Files.readAllLines(sub.statusFile, StandardCharsets.UTF_8)) {
                int sp = line.indexOf(' ');
                if (sp > 0) {
                    sub.status.put(line.substring(0, sp), line.substring(sp + 1));
                }
            }
        }
        if (sub.subscribed()) {
            return true;
        }
        String why = sub.status.isEmpty()
                ? "the subscriber reported nothing within " + STATUS_WAIT_MS / 1000 + " s; daemon: " + d.tail()
                : "the subscription was " + sub.describe() + " (no Telemetry API on this daemon?)";
        ctx.errors.add("telemetry " + what + ": " + why + "; its figures are skipped");
        Bench.LOG.println("bench: telemetry " + what + ": " + why);
        return false;
    }

    /** The bench's side of one subscriber: where it was installed, what it said of its subscription, its counts. */
    static final class Subscriber {
        static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();

        final Path extensionsDir;
        final Path statusFile;
        final Map<String, String> status = new LinkedHashMap<>();

        Subscriber(Path extensionsDir, Path statusFile) {
            this.extensionsDir = extensionsDir;
            this.statusFile = statusFile;
        }

        boolean subscribed() {
            return "200".equals(status.get("subscribe"));
        }

        long pid() {
            return Long.parseLong(status.getOrDefault("pid", "-1"));
        }

        String describe() {
            if (status.isEmpty()) {
                return "no answer";
            }
            if (subscribed()) {
                return "200";
            }
            String body = status.getOrDefault("subscribe_body", "");
            String which = "200".equals(status.get("register")) ? status.get("subscribe")
                    : "register " + status.get("register");
            body = body.substring(0, Math.min(80, body.length())).strip();
            return "refused " + which + (body.isEmpty() ? "" : ": " + body);
        }

        /** What the subscriber has counted (see TelemetrySubscriber); reset zeroes it after answering. */
        Map<String, Long> counts(boolean reset) throws IOException {
            URI uri = URI.create("http://127.0.0.1:" + status.get("port") + "/counts" + (reset ? "?reset" : ""));
            HttpResponse<String> r;
            try {
                r = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            Map<String, Long> counts = new HashMap<>();
            for (String line : r.body().split("\n")) {
                String[] kv = line.split(" ");
                if (kv.length == 2) {
                    counts.put(kv[0], Long.parseLong(kv[1]));
                }
            }
            return counts;
        }
    }

    /** One keep-alive connection to the invoke port for chatty invokes, reopened after a failure or a close. */
    static final class Invoker implements AutoCloseable {
        final Bench.Daemon daemon;
        Bench.Client client;
        int errors;

        Invoker(Bench.Daemon daemon) throws IOException {
            this.daemon = daemon;
            this.client = new Bench.Client(daemon.invokePort);
        }

        /**
         * Chatty invokes of perInvoke lines (at most rate a second, 0: flat out) until lines are printed or the
         * deadline; the lines echoed back 200.
         */
        long chat(long lines, int perInvoke, long rate, long deadline) throws IOException {
            long printed = 0;
            while (printed < lines && System.nanoTime() < deadline) {
                int n = (int) Math.min(perInvoke, lines - printed);
                byte[] event = ("CHATTY " + n + " " + LINE_BYTES + " " + rate).getBytes(StandardCharsets.US_ASCII);
                if (echoes(event)) {
                    printed += n;
                } else {
                    errors++;
                }
            }
            return printed;
        }

        boolean echoes(byte[] event) throws IOException {
            try {
                Bench.Client.Result r = client.invoke(event);
                if (r.close()) {
                    reopen();
                }
                return r.status() == 200 && Arrays.equals(r.body(), event);
            } catch (IOException e) {
                if (!daemon.process.isAlive()) {
                    throw new IOException("daemon exited: " + daemon.tail());
                }
                reopen();
                return false;
            }
        }

        private void reopen() throws IOException {
            client.close();
            client = new Bench.Client(daemon.invokePort);
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
