package io.rapidjava.tests.pid1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Proc;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Grandchildren of the runtime that ignore SIGTERM, one in the runtime's process group and one that left it
 * (setsid), are gone once a shutdown sequence is over: a reset ({@code POST /reset}) answers only after they are
 * killed and reaped, and after SIGTERM the daemon exits 0 with nothing of the sandbox left.
 */
@Timeout(90)
class GrandchildTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @ParameterizedTest
    @EnumSource(Mode.class)
    void grandchildrenIgnoringSigtermDoNotOutliveTheirGeneration(Mode mode, @TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                bash -c "trap '' TERM; sleep 1000" &
                setsid bash -c "trap '' TERM; sleep 1000" </dev/null >/dev/null 2>&1 &
                put ready 1
                while next; do
                  respond '"ok"'
                done
                """);
        try (Daemon d = mode.daemon().flag("--control-address", "127.0.0.1:0").command(bootstrap.toString())
                .start()) {
            assertEquals(200, d.invoke("{}").statusCode(), d::describe);
            List<ProcessHandle> first = generation(d, dir);

            delete(dir.resolve("ready"));
            assertEquals(200, d.control("POST", "/reset", null).statusCode(), d::describe);
            for (ProcessHandle p : first) {
                assertTrue(Proc.gone(p), () -> p + " " + p.info() + " outlived the reset\n" + d.describe());
            }
            assertTrue(Proc.zombieChildren(d.pid()).isEmpty(), d::describe);

            assertEquals(200, d.invoke("{}").statusCode(), d::describe);
            List<ProcessHandle> second = generation(d, dir);
            d.signal("TERM");
            assertEquals(0, d.awaitExit(Duration.ofSeconds(15)), d::describe);
            for (ProcessHandle p : second) {
                Await.until(() -> Proc.gone(p), Duration.ofSeconds(2), () -> p + " outlived the daemon\n" + d.describe());
            }
        }
    }

    /** The daemon's processes once its runtime has started both grandchildren (which it says in {@code ready}). */
    private static List<ProcessHandle> generation(Daemon d, Path dir) {
        Await.file(dir.resolve("ready"), WAIT, d::describe);
        Await.until(() -> d.process().descendants()
                        .filter(p -> p.info().commandLine().orElse("").endsWith("sleep 1000")).count() == 2,
                WAIT, () -> "both grandchildren run: " + d.process().descendants().toList() + "\n" + d.describe());
        return d.process().descendants().toList();
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
