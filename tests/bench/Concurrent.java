import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The concurrent phase of the benchmark: N clients (each on its own keep-alive connection, sending its next invoke
 * as soon as it has its answer) against a function that sleeps {@code --conc-sleep-ms} per invoke, first in the
 * default mode (one invoke at a time, the others queued) and then with {@code AWS_LAMBDA_MAX_CONCURRENCY=N} (EchoRuntime
 * running N workers), for N = 2, 8, 32: invokes/s and latency percentiles of each, and the concurrent mode's
 * throughput over the default's. The target: at least 1.5× at N = 8.
 */
final class Concurrent implements Bench.Phase {

    static final int[] CLIENTS = {2, 8, 32};
    static final double TARGET_AT_8 = 1.5;

    public String name() {
        return "concurrent";
    }

    public void run(Bench.Context ctx) throws Exception {
        Bench.Options o = ctx.opts;
        Bench.Figure f = ctx.figure("concurrent", "Concurrent invokes (N clients; a function sleeping "
                        + o.concSleepMs + " ms; " + o.concSeconds + " s per row; latency in ms)",
                "mode", "N", "invokes", "errors", "invokes/s", "p50 ms", "p99 ms", "max ms", "× default");
        for (int n : CLIENTS) {
            if (Bench.Daemon.shuttingDown) {
                return;
            }
            double serial = row(ctx, f, "default", n, Map.of(), 0);
            double concurrent = row(ctx, f, "concurrent", n, Map.of("AWS_LAMBDA_MAX_CONCURRENCY",
                    Integer.toString(n)), serial);
            if (n == 8) {
                f.extra.put("ratio_at_8", serial == 0 ? null : concurrent / serial);
                f.extra.put("target_at_8", TARGET_AT_8);
                f.extra.put("target_met", serial > 0 && concurrent / serial >= TARGET_AT_8);
            }
        }
    }

    /** One mode with n clients: a daemon of its own, a warm-up, then the measured span. Returns invokes/s. */
    private static double row(Bench.Context ctx, Bench.Figure f, String mode, int n, Map<String, String> env,
                              double baseline) throws Exception {
        Bench.Options o = ctx.opts;
        ctx.daemonTried = true;
        Bench.Daemon d = Bench.Daemon.start(ctx.rapid, ctx.bootstrap, env, true);
        try {
            d.awaitPorts(30_000);
            ctx.daemonRan = true;
            byte[] event = ("SLEEP " + o.concSleepMs + " concurrent-bench").getBytes(StandardCharsets.US_ASCII);
            run(d, n, event, Math.min(2_000, o.concSeconds * 1000L / 5), null);
            List<long[]> latencies = new ArrayList<>();
            AtomicInteger errors = new AtomicInteger();
            long t0 = System.nanoTime();
            run(d, n, event, o.concSeconds * 1000L, new Sink(latencies, errors));
            double elapsed = (System.nanoTime() - t0) / 1e9;
            long[] xs = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            double perS = xs.length / elapsed;
            f.row("mode", mode, "N", (long) n, "invokes", (long) xs.length, "errors", (long) errors.get(),
                    "invokes/s", perS, "p50 ms", Bench.pct(xs, 50) / 1e6, "p99 ms", Bench.pct(xs, 99) / 1e6,
                    "max ms", xs.length == 0 ? null : xs[xs.length - 1] / 1e6,
                    "× default", baseline > 0 ? perS / baseline : null);
            Bench.LOG.printf(Locale.ROOT, "bench: concurrent %s N=%d: %.1f invokes/s, p99 %.1f ms, %d errors%n", mode,
                    n, perS, Bench.pct(xs, 99) / 1e6, errors.get());
            return perS;
        } finally {
            d.stop();
        }
    }

    /** Where a measured span's latencies (ns, one array per client) and errors go. */
    record Sink(List<long[]> latencies, AtomicInteger errors) { }

    /** n clients invoking for spanMs each; with a sink, their latencies and errors are kept. */
    private static void run(Bench.Daemon d, int n, byte[] event, long spanMs, Sink sink) throws Exception {
        long deadline = System.nanoTime() + spanMs * 1_000_000L;
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clients.add(Thread.ofPlatform().name("bench-client-" + i).start(() -> {
                long[] lat = new long[1024];
                int count = 0;
                int failed = 0;
                Bench.Client c = null;
                try {
                    c = new Bench.Client(d.invokePort);
                    while (System.nanoTime() < deadline) {
                        long start = System.nanoTime();
                        Bench.Client.Result r = c.invoke(event);
                        if (r.status() != 200 || !Arrays.equals(r.body(), event)) {
                            failed++;
                        }
                        if (count == lat.length) {
                            lat = Arrays.copyOf(lat, count * 2);
                        }
                        lat[count++] = r.lastNanos() - start;
                        if (r.close()) {
                            c.close();
                            c = new Bench.Client(d.invokePort);
                        }
                    }
                } catch (IOException e) {
                    failed++;
                } finally {
                    if (c != null) {
                        c.close();
                    }
                }
                if (sink != null) {
                    synchronized (sink) {
                        sink.latencies().add(Arrays.copyOf(lat, count));
                    }
                    sink.errors().addAndGet(failed);
                }
            }));
        }
        for (Thread t : clients) {
            t.join();
        }
    }
}
