package io.rapidjava.tests.pid1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Proc;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A second SIGTERM or SIGINT while the shutdown sequence waits (here for an extension that ignores SHUTDOWN, with
 * a minute's deadline) stops it at once: every process group and every process the daemon started is SIGKILLed,
 * also one that left its group, and the daemon exits 128 + the second signal's number, as a shell reports a
 * process that signal ended.
 */
@Timeout(90)
class SecondSignalTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @ParameterizedTest
    @CsvSource({"PROCESS, TERM, TERM, 143", "PROCESS, TERM, INT, 130", "PID1, INT, TERM, 143"})
    void aSecondSignalKillsEverythingAndExitsAtOnce(Mode mode, String first, String second, int code,
                                                    @TempDir Path dir) {
        Path ext = dir.resolve("extensions");
        Scripts.extension(ext, "stubborn", dir, "trap '' TERM; sleep 1000");
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                trap '' TERM
                setsid bash -c "trap '' TERM; sleep 1000" </dev/null >/dev/null 2>&1 &
                put escaped.ready 1
                while next; do
                  respond '"ok"'
                done
                """);
        try (Daemon d = mode.daemon().flag("--extensions-dir", ext.toString(), "--shutdown-timeout-ms", "60000")
                .command(bootstrap.toString()).start()) {
            assertEquals(200, d.invoke("{}").statusCode(), d::describe);
            Await.file(dir.resolve("escaped.ready"), WAIT, d::describe);
            d.rememberDescendants();
            List<ProcessHandle> sandbox = d.process().descendants().toList();
            assertTrue(sandbox.size() >= 4, () -> "runtime, extension and their children: " + sandbox);

            d.signal(first);
            Await.file(dir.resolve("stubborn.shutdown"), WAIT, d::describe);
            long sent = System.nanoTime();
            d.signal(second);
            assertEquals(code, d.awaitExit(Duration.ofSeconds(10)), d::describe);
            long tookMs = (System.nanoTime() - sent) / 1_000_000;
            assertTrue(tookMs < 5_000, () -> "the second signal stops the daemon at once, not at the deadline: "
                    + tookMs + " ms\n" + d.describe());
            for (ProcessHandle p : sandbox) {
                Await.until(() -> Proc.gone(p), Duration.ofSeconds(2), () -> p + " outlived the daemon: "
                        + p.info() + "\n" + d.describe());
            }
        }
    }
}
