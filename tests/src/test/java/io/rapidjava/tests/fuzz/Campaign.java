package io.rapidjava.tests.fuzz;

import io.rapidjava.tests.support.Daemon;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

/**
 * The cases of one API, sent by a few concurrent clients (so that requests left waiting until their deadline do
 * not serialise the run), with a normal invoke every {@code fuzz.health.every} cases.
 */
final class Campaign {

    /** Whitespace between the request line's words: RFC 9112 (section 3) lets a recipient split on any run. */
    private static final String WS = "[ \\t\\x0B\\f\\r]";
    private static final Pattern OTHER_MAJOR_VERSION =
            Pattern.compile(WS + "*[^ \\t\\x0B\\f\\r]+" + WS + "+[^ \\t\\x0B\\f\\r]+" + WS + "+HTTP/[02-9]\\.[0-9]" + WS + "*");

    private final Daemon daemon;
    private final Api api;
    private final FuzzSettings settings;
    private final Findings findings;
    private final StderrWatch stderr;
    private final Map<String, LongAdder> tally = new ConcurrentHashMap<>();

    Campaign(Daemon daemon, Api api, FuzzSettings settings, Findings findings, StderrWatch stderr) {
        this.daemon = daemon;
        this.api = api;
        this.settings = settings;
        this.findings = findings;
        this.stderr = stderr;
    }

    /** Runs the cases until done or the time box is over; returns a one-line summary. */
    String run() throws InterruptedException {
        long start = System.nanoTime();
        long stopAt = start + settings.timeBox().toNanos();
        int port = api.port(daemon);
        ExecutorService pool = Executors.newFixedThreadPool(settings.workers(), r -> {
            Thread t = new Thread(r, "fuzz-" + api.label);
            t.setDaemon(true);
            return t;
        });
        Semaphore slots = new Semaphore(settings.workers());
        int sent = 0;
        int windowStart = settings.from();
        try {
            for (int i = settings.from(); i <= settings.to() && System.nanoTime() < stopAt && daemon.isAlive(); i++) {
                FuzzCase c = FuzzCase.generate(settings.seed(), api, i);
                slots.acquire();
                pool.execute(() -> {
                    try {
                        check(port, c);
                    } finally {
                        slots.release();
                    }
                });
                sent++;
                if (sent % settings.healthEvery() == 0) {
                    checkHealth(windowStart, i);
                    windowStart = i + 1;
                }
            }
            long drain = settings.deadline().toMillis() * 3;
            if (!slots.tryAcquire(settings.workers(), drain, TimeUnit.MILLISECONDS)) {
                findings.add(api.label + " client stuck", "a fuzz client did not finish within " + drain + " ms");
            }
        } finally {
            pool.shutdownNow();
        }
        checkHealth(windowStart, settings.from() + sent - 1);
        double seconds = (System.nanoTime() - start) / 1e9;
        return String.format(Locale.ROOT, "wire fuzz %s: %d of %d cases in %.1f s: %s", api.label, sent,
                settings.to() - settings.from() + 1, seconds, new TreeMap<>(tally));
    }

    private void check(int port, FuzzCase c) {
        Outcome o = Exchange.run(port, c, settings.deadline());
        count(o.kind().name().toLowerCase(Locale.ROOT));
        for (Answer a : o.answers()) {
            count(a.status() / 100 + "xx");
            if (a.serverError() && !versionNotSupported(a, c)) {
                findings.add(api.label + " " + a.status(), "answered " + a + " to " + c.template(), c);
            }
        }
        if (o.kind() == Outcome.Kind.MALFORMED) {
            // one signature per kind of breakage (e.g. "status line"), whichever template provoked it
            String kind = o.detail().replaceFirst("( <|:).*", "");
            findings.add(api.label + " malformed answer (" + kind + ")", o.detail(), c);
        }
    }

    /** 505 is the right answer to a well-formed request line of another major version (RFC 9110, 15.6.6). */
    private static boolean versionNotSupported(Answer a, FuzzCase c) {
        // empty lines before the request line are ignored (RFC 9112, 2.2)
        String text = new String(c.bytes(), StandardCharsets.ISO_8859_1).replaceFirst("^(\r?\n)+", "");
        int eol = text.indexOf("\r\n");
        return a.status() == 505 && OTHER_MAJOR_VERSION.matcher(eol < 0 ? text : text.substring(0, eol)).matches();
    }

    private void checkHealth(int from, int to) {
        String window = api.label + " cases " + from + "-" + to;
        // a window of one case (one worker, a health check after every case) names its culprit
        FuzzCase culprit = from == to && settings.workers() == 1 ? FuzzCase.generate(settings.seed(), api, to) : null;
        HealthCheck.invoke(daemon, api.label + "-" + to, settings.healthDeadline()).ifPresent(problem ->
                findings.add(api.label + " health check", problem + " (after " + window + ")", culprit));
        stderr.check(findings, api.label, window, culprit);
    }

    private void count(String key) {
        tally.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
}
