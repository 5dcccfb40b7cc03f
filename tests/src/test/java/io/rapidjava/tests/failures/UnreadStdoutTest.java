package io.rapidjava.tests.failures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Proc;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 item 4: long log lines while nobody reads the daemon's stdout. The queue for stdout is bounded in bytes,
 * the excess dropped and counted; the heap, the reaper and the pumps survive, the runtime never blocks on its
 * pipe, and the daemon still stops at once on SIGTERM.
 */
@Timeout(60)
class UnreadStdoutTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void longLinesToAStalledStdoutAreDroppedAndCounted(@TempDir Path dir) {
        // 400 lines of 200 KB at init (80 MB; the daemon's heap is 64 MB), and an orphan that exits meanwhile
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                line="$(head -c 204800 /dev/zero | tr '\\0' x)"
                for i in $(seq 400); do printf '%s\\n' "$line"; done
                ( sleep 0.2 & )
                put printed yes
                while next; do
                  respond "ok" "text/plain"
                done
                """);
        // a generous init limit: printing 80 MB takes a while on a loaded machine, and only a stuck init should fail
        try (Daemon d = Daemon.builder().cleanLambdaEnv().flag("--init-timeout-ms", "25000")
                .command(bootstrap.toString()).stdoutUnread().start()) {
            assertEquals("ok", d.invoke("first").body(), d::describe);
            Await.file(dir.resolve("printed"), WAIT, d::describe);
            assertEquals("ok", d.invoke("second").body(), d::describe);
            Await.until(() -> Proc.zombieChildren(d.pid()).isEmpty(), WAIT,
                    () -> "zombies " + Proc.zombieChildren(d.pid()) + "\n" + d.describe());

            d.readStdout();
            String dropped = d.awaitStderr(l -> l.contains("stdout is not keeping up: "), WAIT);
            long count = Long.parseLong(dropped.replaceAll(".*not keeping up: (\\d+) log lines dropped.*", "$1"));
            assertTrue(count >= 300 && count <= 400, () -> "dropped " + count + "\n" + d.describe());
            d.awaitStdout(l -> l.startsWith("REPORT RequestId: "), WAIT);
            List<String> stderr = d.stderr();
            assertFalse(stderr.stream().anyMatch(l -> l.contains("OutOfMemoryError") || l.contains("Reaper")),
                    () -> "no thread gave up\n" + d.describe());

            long before = System.nanoTime();
            d.signal("TERM");
            assertEquals(0, d.awaitExit(Duration.ofSeconds(10)));
            long millis = (System.nanoTime() - before) / 1_000_000;
            assertTrue(millis < 5000, () -> "SIGTERM took " + millis + " ms\n" + d.describe());
        }
    }
}
