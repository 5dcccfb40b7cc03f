package io.rapidjava.tests.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The control API's flags: bad values stop the daemon with exit code 2, an address in use with 1. */
@Timeout(60)
class ControlConfigTest {

    private static void assertRefusedToStart(int code, Daemon d, String named) {
        assertEquals(code, d.awaitExit(Duration.ofSeconds(30)), d::describe);
        assertTrue(d.stderr().stream().anyMatch(l -> l.contains(named)), () -> "names " + named + "\n" + d.describe());
    }

    @Test
    void deferredInitWithoutTheControlApiIsRefused(@TempDir Path dir) {
        try (Daemon d = Daemon.builder().cleanLambdaEnv().flag("--init-mode", "deferred")
                .command(Ctl.runtime(dir).toString()).startExpectingExit()) {
            assertRefusedToStart(2, d, "--control-address");
        }
    }

    @Test
    void badValuesAreRefused(@TempDir Path dir) {
        try (Daemon d = Daemon.builder().cleanLambdaEnv().flag("--control-address", "nowhere")
                .command(Ctl.runtime(dir).toString()).startExpectingExit()) {
            assertRefusedToStart(2, d, "--control-address");
        }
        try (Daemon d = Daemon.builder().cleanLambdaEnv().env("RAPID_INIT_MODE", "lazy")
                .command(Ctl.runtime(dir).toString()).startExpectingExit()) {
            assertRefusedToStart(2, d, "RAPID_INIT_MODE");
        }
    }

    @Test
    void anAddressInUseStopsTheDaemon(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Daemon d = Daemon.builder().cleanLambdaEnv()
                     .flag("--control-address", Integer.toString(taken.getLocalPort()))
                     .command(Ctl.runtime(dir).toString()).startExpectingExit()) {
            assertRefusedToStart(1, d, "cannot listen");
            assertEquals(0, Ctl.launches(dir), "nothing was launched");
        }
    }
}
