package io.rapidjava.tests.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runtime whose HTTP client gives up on the long poll (a 1 s read timeout) and asks again is served normally: each
 * new {@code next} takes the place of the one whose client went away.
 */
@Timeout(60)
class NextRetryTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void nextRetriedAfterAClientTimeoutGetsTheInvoke() throws Exception {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while true; do
                  : > "$HEADERS_FILE"
                  code="$(curl -sS --max-time 1 -D "$HEADERS_FILE" -o "$EVENT_FILE" -w '%{http_code}' \\
                    "$API/runtime/invocation/next" 2>/dev/null)"
                  if [ "$code" != 200 ]; then log_line attempts.log "$code"; continue; fi
                  REQUEST_ID="$(header Lambda-Runtime-Aws-Request-Id)"
                  respond "got:$(cat "$EVENT_FILE")" text/plain
                done
                """);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().env("AWS_LAMBDA_FUNCTION_TIMEOUT", "30")
                .command(bootstrap.toString()).start()) {
            List<String> attempts = Await.lines(dir.resolve("attempts.log"), 3, WAIT, d::describe);
            assertTrue(attempts.stream().noneMatch(code -> code.equals("403")), attempts::toString);
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> r = d.invoke("hello-" + i);
                assertEquals(200, r.statusCode(), d::describe);
                assertEquals("got:hello-" + i, r.body());
            }
            List<String> all = Await.read(dir.resolve("attempts.log")).lines().toList();
            assertTrue(all.stream().noneMatch(code -> code.equals("403")), all::toString);
        }
    }
}
