package io.rapidjava.tests.failures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 10 item 5: an exit status above 128 is an exit status, not a signal. A runtime that calls {@code exit 137}
 * is reported as {@code exit status 137}, one that SIGKILLs itself as {@code signal: killed} (Go's and Lambda's
 * words), in the invoker's error body and in the daemon's log.
 */
@Timeout(60)
class ExitStatusesTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        // event "exit N" → exit N; "kill SIG" → kill -SIG itself; anything else → "ok"
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  case "$EVENT" in
                    exit*) exit "${EVENT#exit }" ;;
                    kill*) kill -"${EVENT#kill }" $$ ;;
                    *) respond "ok" "text/plain" ;;
                  esac
                done
                """);
        daemon = Daemon.builder().cleanLambdaEnv().command(bootstrap.toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "exit 137|exit status 137",
            "exit 130|exit status 130",
            "exit 139|exit status 139",
            "exit 255|exit status 255",
            "exit 2|exit status 2",
            "kill 9|signal: killed",
            "kill TERM|signal: terminated",
            "kill SEGV|signal: segmentation fault",
    })
    void theInvokeSaysHowTheRuntimeEnded(String event, String how) {
        long logged = daemon.stderr().stream().filter(l -> l.endsWith("exited: " + how)).count();
        HttpResponse<String> r = daemon.invoke(event);
        assertEquals(200, r.statusCode(), () -> "body " + r.body());
        assertEquals(Optional.of("Unhandled"), r.headers().firstValue("X-Amz-Function-Error"));
        assertEquals("Runtime.ExitError", Json.errorType(r.body()), () -> "body " + r.body());
        String message = Json.errorMessage(r.body());
        assertTrue(message.startsWith("RequestId: ") && message.endsWith(" Error: Runtime exited with error: " + how),
                () -> "errorMessage " + message);
        daemon.awaitStderrCount(l -> l.contains("(rapid) Process runtime-") && l.endsWith("exited: " + how),
                (int) logged + 1, WAIT);
        HttpResponse<String> next = daemon.invoke("again");
        assertEquals("ok", next.body(), () -> "the next invoke re-initialises\n" + daemon.describe());
    }

    @Test
    void exitZeroMidInvokeGivesNoReason() {
        HttpResponse<String> r = daemon.invoke("exit 0");
        assertEquals(Optional.of("Unhandled"), r.headers().firstValue("X-Amz-Function-Error"));
        assertTrue(Json.errorMessage(r.body()).endsWith("Error: Runtime exited without providing a reason"),
                () -> "body " + r.body());
    }
}
