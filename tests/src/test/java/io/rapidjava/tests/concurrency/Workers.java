package io.rapidjava.tests.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bash runtime for the concurrent mode: it starts {@code $AWS_LAMBDA_MAX_CONCURRENCY} (else 1) background workers, each
 * long-polling {@code next} on its own, and each event says what its worker does:
 * <ul>
 *   <li>{@code hold-NAME}: waits for the test's file {@code release-NAME}, then answers {@code NAME};</li>
 *   <li>{@code sleep-S-NAME}: sleeps S seconds, answers {@code NAME}, and saves the daemon's reply to that answer
 *       as {@code late-NAME.status} / {@code .body};</li>
 *   <li>{@code crash}: waits for {@code release-crash}, then kills the runtime (the workers' parent) with SIGKILL;</li>
 *   <li>{@code twice}: answers, answers again, posts an error, then an answer for an unknown id, saving the daemon's
 *       replies as {@code twice-1} to {@code twice-4} (.status / .body);</li>
 *   <li>anything else: answered as it came.</li>
 * </ul>
 * Every worker writes {@code got-EVENT} (its request id) when its event arrives, and its pid to {@code pids.log} once.
 */
final class Workers {

    static final Duration WAIT = Duration.ofSeconds(30);

    private Workers() {
    }

    static Path bootstrap(Path dir) {
        return Scripts.runtime(dir, "bootstrap", """
                log_line runtime.log "$$ ${AWS_LAMBDA_MAX_CONCURRENCY:-unset} $AWS_LAMBDA_INITIALIZATION_TYPE"
                worker() {
                  _RT="$HERE/.rt-$BASHPID"; mkdir -p "$_RT"
                  EVENT_FILE="$_RT/event"; HEADERS_FILE="$_RT/headers"
                  LAST_BODY_FILE="$_RT/last_body"; LAST_HEADERS_FILE="$_RT/last_headers"
                  log_line pids.log "$BASHPID"
                  while next; do
                    put "got-$EVENT" "$REQUEST_ID"
                    case "$EVENT" in
                      hold-*) wait_for "release-$EVENT"; respond "${EVENT#hold-}" text/plain ;;
                      sleep-*) rest="${EVENT#sleep-}"; sleep "${rest%%-*}"; respond "${rest#*-}" text/plain
                               save_last "late-${rest#*-}" ;;
                      crash) wait_for release-crash; kill -KILL $$ ;;
                      twice) respond first text/plain; save_last twice-1; respond second text/plain; save_last twice-2
                             fail Function.Late '{"errorMessage":"late","errorType":"Function.Late"}'; save_last twice-3
                             REQUEST_ID=not-in-flight; respond lost text/plain; save_last twice-4 ;;
                      *) respond "$EVENT" text/plain ;;
                    esac
                  done
                }
                for i in $(seq 1 "${AWS_LAMBDA_MAX_CONCURRENCY:-1}"); do worker & done
                wait
                """);
    }

    /** A daemon in the concurrent mode with {@code n} workers. */
    static Daemon.Builder daemon(Path dir, int n) {
        return Daemon.builder().cleanLambdaEnv().flag("--max-concurrency", Integer.toString(n))
                .command(bootstrap(dir).toString());
    }

    static CompletableFuture<HttpResponse<String>> invokeAsync(Daemon d, String body) {
        return Daemon.http().sendAsync(
                d.invokeRequest(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), Map.of()),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> await(CompletableFuture<HttpResponse<String>> f) {
        try {
            return f.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no answer within " + WAIT + ": " + e, e);
        }
    }

    static void assertAnswered(String body, HttpResponse<String> r) {
        assertEquals(200, r.statusCode(), () -> "status; body <" + r.body() + "> headers " + r.headers().map());
        assertTrue(r.headers().firstValue("X-Amz-Function-Error").isEmpty(), () -> "a function error: " + r.body());
        assertEquals(body, r.body());
    }

    /**
     * Each invoke of {@code ids} has exactly one START, END and REPORT line, in that order, and nothing of
     * another invoke's between its END and its REPORT.
     */
    static void assertPlatformLines(Daemon d, Collection<String> ids) {
        d.awaitStdoutCount(l -> l.startsWith("REPORT RequestId: "), ids.size(), WAIT);
        List<String> lines = new ArrayList<>(d.stdout());
        for (String id : ids) {
            int start = only(lines, "START RequestId: " + id + " ", d);
            int end = only(lines, "END RequestId: " + id, d);
            int report = only(lines, "REPORT RequestId: " + id + "\t", d);
            assertTrue(start < end && end < report, () -> "START, END, REPORT of " + id + " out of order\n" + d.describe());
            for (int i = end + 1; i < report; i++) {
                String between = lines.get(i);
                assertTrue(!between.startsWith("START ") && !between.startsWith("END ") && !between.startsWith("REPORT "),
                        () -> "another invoke's line between END and REPORT of " + id + "\n" + d.describe());
            }
        }
    }

    private static int only(List<String> lines, String prefix, Daemon d) {
        int at = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                assertEquals(-1, at, () -> "two lines " + prefix + "\n" + d.describe());
                at = i;
            }
        }
        assertTrue(at >= 0, () -> "no line " + prefix + "\n" + d.describe());
        return at;
    }
}
