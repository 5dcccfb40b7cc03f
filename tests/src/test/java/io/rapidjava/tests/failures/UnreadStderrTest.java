package io.rapidjava.tests.failures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 7: the daemon's own log never stalls the event loop. With stderr unread after the ports line,
 * every (re-)init logs a 100 KB line (the handler is part of the {@code exec} line): the stderr pipe fills up at
 * once, the log queue soon after, and invokes still succeed. Once stderr is read again, one line says how many
 * log lines were lost.
 */
@Timeout(60)
class UnreadStderrTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final int CYCLES = 15;

    @Test
    void aStalledStderrStallsNoInvoke(@TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  case "$EVENT" in
                    crash) exit 1 ;;
                    *) respond "ok" "text/plain" ;;
                  esac
                done
                """);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().env("AWS_LAMBDA_FUNCTION_HANDLER", "h".repeat(100_000))
                .command(bootstrap.toString()).stderrUnreadAfterPorts().start()) {
            for (int i = 0; i < CYCLES; i++) {
                HttpResponse<String> crashed = d.invoke("crash");
                assertEquals(Optional.of("Unhandled"), crashed.headers().firstValue("X-Amz-Function-Error"),
                        () -> "body " + crashed.body());
                assertEquals("ok", d.invoke("again").body(), d::describe);
            }
            d.awaitStdoutCount(l -> l.startsWith("REPORT RequestId: "), 2 * CYCLES, WAIT);

            d.readStderr();
            String dropped = d.awaitStderr(l -> l.contains("stderr is not keeping up: "), WAIT);
            assertTrue(dropped.matches(".*\\[WARN] \\(rapid\\) stderr is not keeping up: \\d+ log lines dropped"),
                    () -> dropped + "\n" + d.describe());
            d.signal("TERM");
            assertEquals(0, d.awaitExit(Duration.ofSeconds(10)));
        }
    }
}
