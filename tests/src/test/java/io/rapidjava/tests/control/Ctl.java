package io.rapidjava.tests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Shared daemons, runtimes and assertions of the control API's tests. */
final class Ctl {

    static final Duration WAIT = Duration.ofSeconds(20);

    private Ctl() {
    }

    /** A daemon with its control API on a free loopback port and the test machine's Lambda variables removed. */
    static Daemon.Builder daemon(Path bootstrap) {
        return Daemon.builder().cleanLambdaEnv().flag("--control-address", "127.0.0.1:0")
                .command(bootstrap.toString());
    }

    static Daemon.Builder deferred(Path bootstrap) {
        return daemon(bootstrap).flag("--init-mode", "deferred");
    }

    /**
     * A runtime that logs its pid to {@code launches.log} when it starts, runs {@code beforeLoop}, then answers each
     * event with what its function was bound to: {@code {"fn","version","memory","handler","greeting","event"}}; an
     * event holding {@code crash} makes it exit 3 instead.
     */
    static Path runtime(Path dir, String beforeLoop) {
        return Scripts.runtime(dir, "bootstrap", """
                log_line launches.log "$$"
                %s
                while next; do
                  case "$EVENT" in *crash*) exit 3 ;; esac
                  respond "{\\"fn\\":\\"$AWS_LAMBDA_FUNCTION_NAME\\",\\"version\\":\\"$AWS_LAMBDA_FUNCTION_VERSION\\",\
                \\"memory\\":\\"$AWS_LAMBDA_FUNCTION_MEMORY_SIZE\\",\\"handler\\":\\"${_HANDLER:-}\\",\
                \\"greeting\\":\\"${GREETING:-}\\",\\"event\\":$EVENT}"
                done
                """.formatted(beforeLoop));
    }

    static Path runtime(Path dir) {
        return runtime(dir, "");
    }

    /**
     * A bash extension {@code extDir/name} subscribed to INVOKE and SHUTDOWN: on SHUTDOWN it writes
     * {@code out/<name>.shutdown}, runs {@code onShutdown}, and exits 0.
     */
    static Path extension(Path extDir, String name, Path out, String onShutdown) {
        return Scripts.extension(extDir, name, out, onShutdown);
    }

    /** How many times the runtime was launched (lines of {@code launches.log}). */
    static int launches(Path dir) {
        Path log = dir.resolve("launches.log");
        try {
            return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8).size() : 0;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The runtime's pid (the first launch's). */
    static long runtimePid(Daemon d, Path dir) {
        return Long.parseLong(Await.lines(dir.resolve("launches.log"), 1, WAIT, d::describe).getFirst().trim());
    }

    /** Gone: no such process, another process with that pid, or a zombie awaiting its reaper. */
    static boolean gone(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String state = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return state.startsWith("Z") || state.startsWith("X");
        } catch (java.io.IOException e) {
            return true;
        }
    }

    static HttpResponse<String> get(Daemon d, String path) {
        return d.control("GET", path, null);
    }

    static HttpResponse<String> post(Daemon d, String path, String body) {
        return d.control("POST", path, body);
    }

    static CompletableFuture<HttpResponse<String>> postAsync(Daemon d, String path, String body) {
        return Daemon.http().sendAsync(d.controlRequest("POST", path, body),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> answer(Daemon d, CompletableFuture<HttpResponse<String>> pending) {
        try {
            return pending.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer: " + e + "\n" + d.describe(), e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        return Json.parse(r.body());
    }

    static void assertStatus(int status, HttpResponse<String> r, Daemon d) {
        assertEquals(status, r.statusCode(), () -> r.request().method() + " " + r.uri() + " answered "
                + r.statusCode() + " " + r.headers().map() + " <" + r.body() + ">\n" + d.describe());
    }

    /** A control API refusal: the status, JSON in Lambda's error shape, and the type in {@code X-Amzn-ErrorType}. */
    static void assertRefused(int status, String errorType, HttpResponse<String> r, Daemon d) {
        assertStatus(status, r, d);
        assertEquals(Optional.of("application/json"), r.headers().firstValue("Content-Type"), r.body());
        assertEquals(errorType, Json.errorType(r.body()), r.body());
        assertEquals(Optional.of(errorType), r.headers().firstValue("X-Amzn-ErrorType"), r.body());
        assertTrue(!Json.errorMessage(r.body()).isEmpty(), r.body());
    }

    /** A shutdown summary names the process {@code pid} in {@code role}, with how it ended. */
    static void assertEnded(JsonNode summary, String role, long pid) {
        JsonNode found = null;
        for (JsonNode p : summary.path("processes")) {
            if (p.path("pid").asLong() == pid) {
                found = p;
            }
        }
        assertTrue(found != null, () -> "no process " + pid + " in " + summary);
        assertEquals(role, found.path("role").asText(), summary::toString);
        assertTrue(found.path("name").isTextual() && found.path("how").asText().matches("exited|signalled|killed|gone"),
                summary::toString);
    }

    /** Waits until {@code GET /state} says {@code state}; returns that state. */
    static JsonNode awaitState(Daemon d, String state) {
        return Await.value(() -> {
            JsonNode s = json(get(d, "/state"));
            return state.equals(s.path("state").asText()) ? Optional.of(s) : Optional.empty();
        }, WAIT, () -> "state never became " + state + ": " + get(d, "/state").body() + "\n" + d.describe());
    }
}
