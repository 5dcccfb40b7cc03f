package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.assertUnhandled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract item 18: an init phase limit of 1000 ms ({@code --init-timeout-ms} / {@code RAPID_INIT_TIMEOUT_MS}) and
 * a bootstrap that sleeps 30 s before its first {@code next}: INIT_REPORT with {@code Status: timeout} within ~3 s
 * of start, and an invoke gets a {@code Sandbox.Timedout} error instead of hanging (the function timeout is 3 s, so
 * the re-init inside the invoke is bounded as well).
 */
@Timeout(30)
class InitTimeoutTest {

    private static void run(Path dir, UnaryOperator<Daemon.Builder> configure) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                sleep 30
                while next; do
                  respond '"too late"'
                done
                """);
        try (Daemon d = configure.apply(Rt.daemon().env("AWS_LAMBDA_FUNCTION_TIMEOUT", "3")
                .command(bootstrap.toString())).start()) {
            String report = d.awaitStdout(l -> l.startsWith("INIT_REPORT") && l.contains("Status: timeout"),
                    Duration.ofSeconds(3));
            assertTrue(report.contains("Status: timeout"), report);

            long t0 = System.nanoTime();
            HttpResponse<String> r = d.invoke("{}");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertUnhandled(r);
            assertEquals("Sandbox.Timedout", Json.errorType(r.body()), () -> "body " + r.body());
            assertTrue(ms < 8000, () -> "invoke answered after " + ms + " ms");
        }
    }

    @Test
    void initTimeoutFromFlag(@TempDir Path dir) {
        run(dir, b -> b.flag("--init-timeout-ms", "1000"));
    }

    @Test
    void initTimeoutFromEnv(@TempDir Path dir) {
        run(dir, b -> b.env("RAPID_INIT_TIMEOUT_MS", "1000"));
    }
}
