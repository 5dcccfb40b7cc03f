package io.rapidjava.tests.failures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crashed generation (its runtime process, its connections, what their handlers hold) is garbage once it is reset:
 * after many crash and re-init cycles the daemon's live heap holds no more than the current generation and the one
 * just reset. Counted exactly, from the daemon's class histogram of live objects (jcmd forces a full collection).
 */
@Timeout(90)
class GenerationsReleasedTest {

    static final int CYCLES = 40;
    static final String GENERATION = "io.rapidjava.rapid.sandbox.Generation";

    @Test
    void resetGenerationsAreNotKept(@TempDir Path dir) throws Exception {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  case "$EVENT" in
                    crash) exit 1 ;;
                    *) respond "ok" "text/plain" ;;
                  esac
                done
                """);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().command(bootstrap.toString()).start()) {
            for (int i = 0; i < CYCLES; i++) {
                assertEquals(Optional.of("Unhandled"), d.invoke("crash").headers().firstValue("X-Amz-Function-Error"));
                assertEquals("ok", d.invoke("again").body(), d::describe);
            }
            long live = liveInstances(d.pid(), GENERATION);
            assertTrue(live <= 2, () -> live + " generations live after " + CYCLES + " resets\n" + d.describe());
        }
    }

    /** Live instances of a class in another JVM, from {@code jcmd <pid> GC.class_histogram}. */
    static long liveInstances(long pid, String className) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), "GC.class_histogram")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, () -> "jcmd failed: " + out);
        // "   7:            41           1312  io.rapidjava.rapid.sandbox.Generation"
        return out.lines().map(String::trim).map(l -> l.split("\\s+"))
                .filter(f -> f.length >= 4 && f[3].equals(className))
                .mapToLong(f -> Long.parseLong(f[1])).sum();
    }
}
