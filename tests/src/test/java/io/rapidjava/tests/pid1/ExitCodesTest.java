package io.rapidjava.tests.pid1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exit code says how the sandbox ended (README, "Exit codes"), as a container runtime sees it: the daemon runs
 * as PID 1, its code is unshare's. 128 + N, a second signal cutting the shutdown short, is SecondSignalTest's.
 */
@Timeout(90)
class ExitCodesTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final Duration EXIT = Duration.ofSeconds(15);

    private static Path echo(Path dir) {
        return Scripts.runtime(dir, "bootstrap", """
                while next; do
                  respond '"ok"'
                done
                """);
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void zeroAfterACleanSpindown(String signal, @TempDir Path dir) {
        try (Daemon d = Mode.PID1.daemon().command(echo(dir).toString()).start()) {
            assertEquals(200, d.invoke("{}").statusCode(), d::describe);
            d.signal(signal);
            assertEquals(0, d.awaitExit(EXIT), d::describe);
        }
    }

    @Test
    void oneWhenItCannotStart() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            try (Daemon d = Mode.PID1.daemon().invokeAddress("127.0.0.1:" + taken.getLocalPort())
                    .command("/bin/true").startExpectingExit()) {
                assertEquals(1, d.awaitExit(EXIT), d::describe);
            }
        }
    }

    @Test
    void twoForABadConfiguration() {
        try (Daemon d = Mode.PID1.daemon().flag("--shutdown-timeout-ms", "soon").command("/bin/true")
                .startExpectingExit()) {
            assertEquals(2, d.awaitExit(EXIT), d::describe);
            assertTrue(d.stderr().stream().anyMatch(l -> l.startsWith("rapid: ") && l.contains("--shutdown-timeout-ms")),
                    d::describe);
        }
    }

    @Test
    void threeWhenTheShutdownHadToKillAProcessPastItsDeadline(@TempDir Path dir) {
        Path ext = dir.resolve("extensions");
        Scripts.extension(ext, "stubborn", dir, "trap '' TERM; sleep 1000");
        try (Daemon d = Mode.PID1.daemon().flag("--extensions-dir", ext.toString(), "--shutdown-timeout-ms", "500")
                .command(echo(dir).toString()).start()) {
            assertEquals(200, d.invoke("{}").statusCode(), d::describe);
            d.signal("TERM");
            Await.file(dir.resolve("stubborn.shutdown"), WAIT, d::describe);
            assertEquals(3, d.awaitExit(EXIT), d::describe);
        }
    }

    @Test
    void fourWhenAnInitFailsAndTheDaemonIsToldToExitThen(@TempDir Path dir) {
        Path crashing = Scripts.bash(dir, "bootstrap", "echo 'cannot start: no configuration'\nexit 1\n");
        try (Daemon d = Mode.PID1.daemon().flag("--exit-on-init-failure").command(crashing.toString()).start()) {
            assertEquals(4, d.awaitExit(EXIT), d::describe);
            assertTrue(d.stdout().stream().anyMatch(l -> l.startsWith("INIT_REPORT") && l.contains("Status: error")),
                    d::describe);
        }
    }
}
