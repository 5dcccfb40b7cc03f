package io.rapidjava.tests.failures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Proc;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 6: the output pipe of a runtime is closed when its output ends, not when a garbage collection
 * happens to find it. After many crash and re-init cycles the daemon holds as many pipes as after the first invoke.
 */
@Timeout(60)
class PipeDescriptorsTest {

    static final int CYCLES = 30;

    @Test
    void crashedRuntimesLeaveNoPipesBehind(@TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  case "$EVENT" in
                    crash) echo "crashing"; exit 1 ;;
                    *) respond "ok" "text/plain" ;;
                  esac
                done
                """);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().command(bootstrap.toString()).start()) {
            assertEquals("ok", d.invoke("warm").body());
            long baseline = Proc.pipes(d.pid());
            for (int i = 0; i < CYCLES; i++) {
                assertEquals(Optional.of("Unhandled"), d.invoke("crash").headers().firstValue("X-Amz-Function-Error"));
                assertEquals("ok", d.invoke("again").body(), d::describe);
            }
            // the last crashed runtime's pump may still be at its end of output: wait for it, bounded
            Await.until(() -> Proc.pipes(d.pid()) <= baseline, Duration.ofSeconds(10),
                    () -> "pipes: " + Proc.pipes(d.pid()) + ", after the first invoke: " + baseline + "\n" + d.describe());
        }
    }
}
