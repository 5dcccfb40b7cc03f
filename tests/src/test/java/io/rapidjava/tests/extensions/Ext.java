package io.rapidjava.tests.extensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Dumps;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Shared helpers of the Extensions API black-box tests. */
final class Ext {

    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final String ARN = "arn:aws:lambda:us-east-1:012345678912:function:test_function";
    static final String ACCOUNT_ID = "012345678912";
    /** Generous wait for anything that should happen "soon" on a loaded 2-core machine. */
    static final Duration WAIT = Duration.ofSeconds(20);
    /**
     * Observation window used only to assert that something does NOT happen while the test holds a gate closed
     * (there is no event to wait for in that case).
     */
    static final Duration QUIET = Duration.ofMillis(1000);

    private Ext() {
    }

    /**
     * A daemon builder with the machine's Lambda variables removed and {@code --extensions-dir extDir}; the init
     * timeout is raised so that slow process starts on a loaded machine do not fail init.
     */
    static Daemon.Builder daemon(Path extDir) {
        return Daemon.builder().cleanLambdaEnv().unsetEnv("AWS_ACCOUNT_ID")
                .flag("--extensions-dir", extDir.toString(), "--init-timeout-ms", "30000");
    }

    /** Creates (if needed) and returns {@code dir/ext}, the extensions dir of a test. */
    static Path extDir(Path dir) {
        Path ext = dir.resolve("ext");
        try {
            Files.createDirectories(ext);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ext;
    }

    // ------------------------------------------------------------------------------------------ HTTP answers

    static Optional<String> header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name);
    }

    static void assertStatus(int expected, HttpResponse<String> r) {
        assertEquals(expected, r.statusCode(), () -> "status of " + r.request().method() + " " + r.uri()
                + "; headers " + r.headers().map() + "; body <" + r.body() + ">");
    }

    /** 200 with {@code X-Amz-Function-Error: Unhandled}. */
    static void assertUnhandled(HttpResponse<String> r) {
        assertStatus(200, r);
        assertEquals(Optional.of("Unhandled"), header(r, "X-Amz-Function-Error"),
                () -> "X-Amz-Function-Error; headers " + r.headers().map() + "; body <" + r.body() + ">");
    }

    /** A plain success: 200 without {@code X-Amz-Function-Error}. */
    static void assertSuccess(HttpResponse<String> r) {
        assertStatus(200, r);
        assertEquals(Optional.empty(), header(r, "X-Amz-Function-Error"),
                () -> "unexpected X-Amz-Function-Error; body <" + r.body() + ">");
    }

    /**
     * 200 + Unhandled with an error body of {@code errorType} whose message is
     * {@code RequestId: <some id> Error: <messageTail>} (the id is returned).
     */
    static String assertInvokeError(HttpResponse<String> r, String errorType, String messageTail) {
        assertUnhandled(r);
        assertEquals(errorType, Json.errorType(r.body()), () -> "errorType of " + r.body());
        String msg = Json.errorMessage(r.body());
        assertTrue(msg.startsWith("RequestId: ") && msg.endsWith(" Error: " + messageTail),
                () -> "errorMessage <" + msg + "> should be 'RequestId: <id> Error: " + messageTail + "'");
        return msg.substring("RequestId: ".length(), msg.indexOf(" Error: "));
    }

    /** Sends an invoke without waiting for its answer (60 s request timeout). */
    static CompletableFuture<HttpResponse<String>> invokeAsync(Daemon d, String body) {
        return Daemon.http().sendAsync(
                d.invokeRequest(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), Map.of()),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Waits for an invoke sent with {@link #invokeAsync}. */
    static HttpResponse<String> answer(Daemon d, CompletableFuture<HttpResponse<String>> f, Duration timeout) {
        try {
            return f.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("invoke not answered within " + timeout + "\n" + d.describe());
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("invoke failed: " + e.getCause() + "\n" + d.describe(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    // ------------------------------------------------------------------------------------------ Extensions API

    /** A request to {@code http://<runtime api>/2020-01-01/extension/<path>} with a 15 s timeout. */
    static HttpResponse<String> extApi(Daemon d, String method, String path, Map<String, String> headers,
            String body) {
        return d.runtimeApiRequest(method, "/2020-01-01/extension/" + path, headers, body);
    }

    /** Exact error answer: status, {@code Content-Type: application/json} and the Go-encoded body + newline. */
    static void assertErrorAnswer(HttpResponse<String> r, int status, String type, String message) {
        assertStatus(status, r);
        String ct = header(r, "Content-Type").orElse("");
        assertTrue(ct.startsWith("application/json"), () -> "Content-Type of " + r.uri() + ": <" + ct + ">");
        assertEquals(Json.runtimeApiError(type, message), r.body(), () -> "body of " + r.request().method() + " "
                + r.uri());
    }

    // ------------------------------------------------------------------------------------------ saved answers

    /** An HTTP answer a bash/Java extension saved with {@code ext_save TAG} (status file written last). */
    record Saved(String tag, int status, Map<String, String> headers, String body) {

        /** Waits for {@code dir/TAG.status} then reads the three files. */
        static Saved await(Daemon d, Path dir, String tag) {
            String status = Await.file(dir.resolve(tag + ".status"), WAIT, d::describe).trim();
            return new Saved(tag, status.isEmpty() ? -1 : Integer.parseInt(status),
                    Dumps.parseHeaders(Await.read(dir.resolve(tag + ".headers"))), Await.read(dir.resolve(tag + ".body")));
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        JsonNode json() {
            return Json.parse(body);
        }

        void assertStatus(int expected) {
            assertEquals(expected, status, () -> "status of '" + tag + "'; headers " + headers + "; body <" + body + ">");
        }

        /** Exact error answer as in {@link Ext#assertErrorAnswer}. */
        void assertError(int expectedStatus, String type, String message) {
            assertStatus(expectedStatus);
            String ct = headers.getOrDefault("content-type", "");
            assertTrue(ct.startsWith("application/json"), () -> "Content-Type of '" + tag + "': <" + ct + ">");
            assertEquals(Json.runtimeApiError(type, message), body, () -> "body of '" + tag + "'");
        }
    }

    static void assertUuid(String what, String id) {
        assertTrue(id != null && UUID.matcher(id).matches(), () -> what + " is not a UUID: <" + id + ">");
    }

    /** The request id a runtime logged (as lines {@code <id> <event>} in {@code log}) for {@code event}. */
    static String idSeenFor(Daemon d, Path log, String event) {
        return Await.value(() -> (Files.exists(log) ? Await.read(log) : "").lines()
                        .filter(l -> l.endsWith(" " + event))
                        .map(l -> l.substring(0, l.indexOf(' ')))
                        .findFirst(),
                WAIT, () -> "runtime never saw " + event + "\n" + d.describe());
    }

    /**
     * An invoke that must succeed (the runtime logs {@code <id> <event>} to {@code dir/ids.log}), then waits for its
     * REPORT line: once REPORT is printed every INVOKE subscriber has called {@code event/next} again (is parked).
     * Returns the request id.
     */
    static String invokeAndSettle(Daemon d, Path dir, String event) {
        HttpResponse<String> r = d.invoke(event);
        assertSuccess(r);
        String id = idSeenFor(d, dir.resolve("ids.log"), event);
        d.awaitStdout(l -> l.startsWith("REPORT RequestId: " + id + "\t"), WAIT);
        return id;
    }

    /** Whether the runtime logged (as {@code <id> <event>} in {@code log}) an invoke with payload {@code event}. */
    static boolean runtimeSaw(Path log, String event) {
        return Files.exists(log) && Await.read(log).lines().anyMatch(l -> l.endsWith(" " + event));
    }

    /**
     * Runs {@code check} repeatedly for {@code window}: used only to assert that something does NOT happen while
     * the test holds a gate closed.
     */
    static void throughout(Duration window, Runnable check) {
        long until = System.nanoTime() + window.toNanos();
        do {
            check.run();
            pause(50);
        } while (System.nanoTime() < until);
        check.run();
    }

    static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static long count(List<String> lines, Predicate<String> p) {
        return lines.stream().filter(p).count();
    }

    static long readLong(Daemon d, Path file) {
        return Long.parseLong(Await.file(file, WAIT, d::describe).trim());
    }

    // ------------------------------------------------------------------------------------------ processes

    /**
     * Reads a {@code /proc} file through a stream ({@code Files.readString} trusts the size the file reports, which
     * for some {@code /proc/sys} files is wrong and truncates the content).
     */
    static String readProc(Path file) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    /**
     * The start time (field 22 of {@code /proc/<pid>/stat}, clock ticks since boot) of {@code pid}, or empty when
     * there is no such process.
     */
    static Optional<Long> startTime(long pid) {
        try {
            String stat = readProc(Path.of("/proc/" + pid + "/stat"));
            String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after[0] is field 3 (state); field 22 is after[19]
            return Optional.of(Long.parseLong(after[19]));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A process seen alive by the test: its pid and start time, so a recycled pid is never mistaken for it. */
    record Proc(String what, long pid, long startTime) {

        static Proc of(String what, long pid) {
            long st = Ext.startTime(pid).orElseThrow(() -> new AssertionError(what + " (pid " + pid + ") is not running"));
            return new Proc(what, pid, st);
        }

        /**
         * Gone = {@code /proc/<pid>} does not exist, or it belongs to a different process (other start time). A
         * zombie is NOT gone: the daemon must reap what it started.
         */
        boolean gone() {
            return Ext.startTime(pid).map(st -> st != startTime).orElse(true);
        }

        String state() {
            try {
                String stat = readProc(Path.of("/proc/" + pid + "/stat"));
                return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            } catch (IOException e) {
                return "-";
            }
        }

        @Override
        public String toString() {
            return what + " (pid " + pid + ", state " + state() + ")";
        }
    }

    /** Every process the daemon runs right now (its descendants), with start times. */
    static List<Proc> sandbox(Daemon d) {
        d.rememberDescendants();
        List<Proc> procs = new java.util.ArrayList<>();
        d.process().descendants().forEach(h -> startTime(h.pid()).ifPresent(st -> procs.add(
                new Proc("descendant " + h.info().commandLine().orElse(h.info().command().orElse("?")), h.pid(), st))));
        return procs;
    }

    /** Waits (up to 3 s: the daemon has exited already) until every process is gone. */
    static void assertAllGone(Daemon d, List<Proc> procs) {
        Await.until(() -> procs.stream().allMatch(Proc::gone), Duration.ofSeconds(3),
                () -> "still present after the daemon exited: " + procs.stream().filter(p -> !p.gone()).toList()
                        + "\n" + d.describe());
    }

    /** (b − a) mod pid_max is "small": b was created after a, allowing for one pid wrap-around. */
    static boolean pidAfter(long a, long b) {
        long max = 4_194_304;
        try {
            max = Long.parseLong(readProc(Path.of("/proc/sys/kernel/pid_max")).trim());
        } catch (IOException | NumberFormatException e) {
            // keep the default
        }
        long diff = Math.floorMod(b - a, max);
        return diff > 0 && diff < max / 2;
    }

    /** Epoch milliseconds. */
    static long now() {
        return System.currentTimeMillis();
    }
}
