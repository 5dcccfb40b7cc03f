package io.rapidjava.tests.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.RawHttp;
import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An invoke whose body never completes (cut, malformed, stalled, slow) fails its own invoker only: the runtime is
 * not reset, and the next invoke runs at once, long before the function timeout (30 s here).
 */
@Timeout(120)
class BrokenBodiesTest {

    private static final Duration QUICK = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    private static Daemon d;
    private static int normal;

    @BeforeAll
    static void start() {
        // A runtime whose `next` was cut (its event was withdrawn) simply asks again.
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                log_line pids.log "$$"
                while true; do
                  next || { log_line cut.log "$NEXT_STATUS"; continue; }
                  respond_file "$EVENT_FILE" text/plain
                done
                """);
        d = Daemon.builder().cleanLambdaEnv().env("AWS_LAMBDA_FUNCTION_TIMEOUT", "30")
                .flag("--body-timeout-ms", "1000").command(bootstrap.toString()).start();
        nextInvokeRunsAtOnce();
    }

    @AfterAll
    static void stop() {
        d.close();
    }

    @AfterEach
    void runtimeUntouchedAndStderrQuiet() {
        nextInvokeRunsAtOnce();
        assertEquals(1, Await.read(dir.resolve("pids.log")).lines().count(), "the runtime was restarted\n" + d.describe());
        assertEquals(1, d.stdout().stream().filter(l -> l.startsWith("INIT_START")).count(), d::describe);
        assertFalse(d.stderr().stream().anyMatch(l -> l.contains("Reset initiated") || l.contains("Exception")
                || l.startsWith("\tat ") || l.contains("SEVERE")), d::describe);
    }

    @Test
    void contentLengthLongerThanWhatIsSentThenTheClientCloses() throws Exception {
        try (RawHttp w = RawHttp.connect(d.invokePort())) {
            w.send(post("Content-Length: 100\r\n") + "0123456789");
        }
    }

    @Test
    void chunkedBodyCutOff() throws Exception {
        try (RawHttp w = RawHttp.connect(d.invokePort())) {
            w.send(post("Transfer-Encoding: chunked\r\n") + "5\r\nhello\r\n");
        }
    }

    @Test
    void chunkSizeThatIsNotHex() throws Exception {
        assertRefusedOrClosed(post("Transfer-Encoding: chunked\r\n") + "zz\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void chunkSizeThatOverflows() throws Exception {
        assertRefusedOrClosed(post("Transfer-Encoding: chunked\r\n") + "ffffffffffffffff\r\nhello\r\n0\r\n\r\n");
    }

    @Test
    void stalledBodyIsAnsweredWithItsOwnError() throws Exception {
        try (RawHttp w = RawHttp.connect(d.invokePort())) {
            w.send(post("Content-Length: 100000\r\n") + "x".repeat(1000));
            RawHttp.Answer a = w.read(WAIT);
            assertEquals(400, a.status(), a::toString);
            assertEquals("InvalidRequestContentException", a.header("X-Amzn-ErrorType"), a::toString);
            assertTrue(a.body().contains("\"errorType\":\"InvalidRequestContentException\""), a::toString);
            assertTrue(a.header("X-Amzn-RequestId") != null && a.header("X-Amz-Executed-Version") == null, a::toString);
        }
    }

    @Test
    void largeBodyStreamedIntoTheWaitingRuntimeThenStalled() throws Exception {
        try (RawHttp w = RawHttp.connect(d.invokePort())) {
            // 64 KiB and more, with a length: it flows into the runtime's `next` as it arrives
            w.send(post("Content-Length: 200000\r\n") + "y".repeat(100_000));
            RawHttp.Answer a = w.read(WAIT);
            assertEquals(400, a.status(), a::toString);
            assertEquals("InvalidRequestContentException", a.header("X-Amzn-ErrorType"), a::toString);
        }
        // the runtime's `next` answer was cut, never completed with a part of the event
        Await.lines(dir.resolve("cut.log"), 1, WAIT, d::describe);
        String report = d.awaitStdout(l -> l.startsWith("REPORT") && l.contains("InvalidRequestContentException"), WAIT);
        assertTrue(report.contains("Status: error"), report);
    }

    @Test
    void slowUploadHoldsBackNobody() throws Exception {
        String body = "slow-upload-body";
        try (RawHttp slow = RawHttp.connect(d.invokePort())) {
            slow.send(post("Content-Length: " + body.length() + "\r\n") + body.charAt(0));
            // while it trickles in, other invokes run
            for (int i = 0; i < 3; i++) {
                nextInvokeRunsAtOnce();
            }
            CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> {
                try {
                    for (int i = 1; i < body.length(); i++) {
                        slow.send(body.substring(i, i + 1));
                        TimeUnit.MILLISECONDS.sleep(50); // the trickle itself, not synchronisation
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            rest.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            RawHttp.Answer a = slow.read(WAIT);
            assertEquals(200, a.status(), a::toString);
            assertEquals(body, a.body());
        }
    }

    private static void assertRefusedOrClosed(String request) throws Exception {
        try (RawHttp w = RawHttp.connect(d.invokePort())) {
            w.send(request);
            try {
                RawHttp.Answer a = w.read(WAIT);
                assertEquals(400, a.status(), a::toString);
            } catch (java.io.UncheckedIOException closed) {
                // the daemon closed the connection without an answer: fine for a request it cannot parse
            }
        }
    }

    private static void nextInvokeRunsAtOnce() {
        String event = "normal-" + (++normal);
        long t0 = System.nanoTime();
        HttpResponse<String> r = d.invoke(event);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(200, r.statusCode(), () -> r.body() + "\n" + d.describe());
        assertEquals(event, r.body());
        assertTrue(ms < QUICK.toMillis(), () -> "the invoke waited " + ms + " ms\n" + d.describe());
    }

    private static String post(String headers) {
        return "POST " + Daemon.INVOKE_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers + "\r\n";
    }
}
