package io.rapidjava.tests.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.RawHttp;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime that times out, dies or hangs up in the middle of its answer: the invoker's answer ends by the deadline
 * with the documented error (error trailers on a chunked answer, a closed connection for one of known length, an
 * error answer when nothing was sent yet), REPORT says so, and the next invoke succeeds.
 */
@Timeout(120)
class MidAnswerFaultsTest {

    /** The function timeout (2 s) plus the slack a loaded machine needs. */
    private static final Duration DEADLINE = Duration.ofSeconds(8);

    @TempDir
    static Path dir;
    private static Daemon d;

    @BeforeAll
    static void start() {
        // Answers written by hand on a socket, so they can stop anywhere.
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                answer() {
                  exec 3<>"/dev/tcp/${AWS_LAMBDA_RUNTIME_API%:*}/${AWS_LAMBDA_RUNTIME_API#*:}"
                  printf 'POST /2018-06-01/runtime/invocation/%s/response HTTP/1.1\\r\\nHost: rt\\r\\nContent-Type: text/plain\\r\\n%s\\r\\n' \\
                    "$REQUEST_ID" "$1" >&3
                }
                chunked=$'Lambda-Runtime-Function-Response-Mode: streaming\\r\\nTransfer-Encoding: chunked\\r\\n'
                while next; do
                  case "$EVENT" in
                    stream-then-hang) answer "$chunked"; printf '5\\r\\nhello\\r\\n' >&3; sleep 60 ;;
                    length-then-hang) answer $'Content-Length: 100\\r\\n'; printf '0123456789' >&3; sleep 60 ;;
                    stream-then-exit) answer "$chunked"; printf '5\\r\\nhello\\r\\n' >&3; sleep 0.2; exit 3 ;;
                    length-then-close) answer $'Content-Length: 100\\r\\n'; printf '0123456789' >&3; exec 3>&- ;;
                    nothing-then-close) answer $'Content-Length: 100\\r\\n'; exec 3>&- ;;
                    *) respond "ok:$EVENT" text/plain ;;
                  esac
                done
                """);
        d = Daemon.builder().cleanLambdaEnv().env("AWS_LAMBDA_FUNCTION_TIMEOUT", "2")
                .command(bootstrap.toString()).start();
    }

    @AfterAll
    static void stop() {
        d.close();
    }

    @AfterEach
    void nextInvokeSucceeds() {
        assertEquals("ok:after", d.invoke("after").body(), d::describe);
    }

    @Test
    void streamedAnswerCutByTheTimeoutEndsWithErrorTrailers() throws Exception {
        Invoked i = invoke("stream-then-hang");
        assertEquals("hello", i.answer().body(), i::toString);
        assertEquals("Sandbox.Timedout", i.answer().trailers().get("lambda-runtime-function-error-type"), i::toString);
        assertTrue(decoded(i.answer()).contains("Task timed out after 2.00 seconds"), i::toString);
        assertTrue(i.report().contains("Status: timeout"), i::toString);
    }

    @Test
    void answerOfKnownLengthCutByTheTimeoutClosesTheConnection() throws Exception {
        Invoked i = invoke("length-then-hang");
        assertTrue(i.answer().cut(), i::toString);
        assertEquals("0123456789", i.answer().body());
        assertTrue(i.report().contains("Status: timeout"), i::toString);
    }

    @Test
    void answerOfARuntimeThatExitsMidStreamEndsWithItsExitError() throws Exception {
        for (int n = 0; n < 5; n++) {
            Invoked i = invoke("stream-then-exit");
            RawHttp.Answer a = i.answer();
            if (a.trailers().isEmpty()) {
                // the exit was seen before any byte of the answer: a plain error answer
                assertEquals("Unhandled", a.header("X-Amz-Function-Error"), i::toString);
                assertTrue(a.body().contains("\"errorType\":\"Runtime.ExitError\""), i::toString);
            } else {
                assertEquals("hello", a.body(), i::toString);
                assertEquals("Runtime.ExitError", a.trailers().get("lambda-runtime-function-error-type"), i::toString);
                assertTrue(decoded(a).contains("exit status 3"), i::toString);
            }
            assertTrue(i.report().contains("Error Type: Runtime.ExitError"), i::toString);
        }
    }

    @Test
    void truncatedAnswerIsNeverAComplete200() throws Exception {
        Invoked cut = invoke("length-then-close");
        assertTrue(cut.answer().cut(), cut::toString);
        assertTrue(cut.report().contains("Status: error\tError Type: Runtime.TruncatedResponse"), cut::toString);

        Invoked nothing = invoke("nothing-then-close");
        assertEquals(200, nothing.answer().status(), nothing::toString);
        assertEquals("Unhandled", nothing.answer().header("X-Amz-Function-Error"), nothing::toString);
        assertTrue(nothing.answer().body().contains("\"errorType\":\"Runtime.TruncatedResponse\""), nothing::toString);
        assertTrue(nothing.report().contains("Error Type: Runtime.TruncatedResponse"), nothing::toString);
    }

    /** The invoker's answer and the invoke's REPORT line. */
    private record Invoked(RawHttp.Answer answer, String report) {
    }

    private static Invoked invoke(String event) throws Exception {
        long t0 = System.nanoTime();
        try (RawHttp w = RawHttp.connect(d.invokePort())) {
            w.send("POST " + Daemon.INVOKE_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + event.length()
                    + "\r\n\r\n" + event);
            RawHttp.Answer a = w.read(DEADLINE);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertTrue(ms < DEADLINE.toMillis(), () -> event + " answered after " + ms + " ms");
            String id = a.header("X-Amzn-RequestId");
            return new Invoked(a, d.awaitStdout(l -> l.startsWith("REPORT RequestId: " + id), DEADLINE));
        }
    }

    private static String decoded(RawHttp.Answer a) {
        String body = a.trailers().getOrDefault("lambda-runtime-function-error-body", "");
        return new String(java.util.Base64.getDecoder().decode(body), java.nio.charset.StandardCharsets.UTF_8);
    }
}
