package io.rapidjava.tests.pid1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Proc;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * PID-1 duty, as tini's reaping tests check it: processes orphaned in the sandbox are re-parented to the daemon,
 * and once they exit no zombie of theirs lives longer than about a second, whether the daemon has children of its
 * own at that moment or not.
 */
@Timeout(90)
class ReapingTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    /** How long a zombie may live: the "about a second". */
    static final Duration ZOMBIE_LIFETIME = Duration.ofSeconds(1);
    static final int ORPHANS = 5;

    @ParameterizedTest
    @EnumSource(Mode.class)
    void doubleForkedOrphansThatExitLeaveNoZombie(Mode mode, @TempDir Path dir) {
        // each inner subshell is orphaned at once (its parent exits), notes who its parent is then, and exits
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  for i in $(seq %d); do
                    ( ( sleep 0.3; read -r _ _ _ ppid _ < /proc/$BASHPID/stat; put "orphan-$i.ppid" "$ppid" ) & )
                  done
                  respond '"ok"'
                done
                """.formatted(ORPHANS));
        try (Daemon d = mode.daemon().command(bootstrap.toString()).start()) {
            assertEquals(200, d.invoke("{}").statusCode(), d::describe);
            for (int i = 1; i <= ORPHANS; i++) {
                String ppid = Await.file(dir.resolve("orphan-" + i + ".ppid"), WAIT, d::describe).trim();
                assertEquals(Long.toString(mode.daemonPidInside(d)), ppid,
                        () -> "an orphan is re-parented to the daemon\n" + d.describe());
            }
            Await.until(() -> Proc.zombieChildren(d.pid()).isEmpty(), ZOMBIE_LIFETIME,
                    () -> "zombies left: " + Proc.zombieChildren(d.pid()) + "\n" + d.describe());
        }
    }

    /**
     * {@code kubectl exec} and {@code docker exec} start processes in the sandbox's namespace from outside; one
     * they orphan is re-parented to PID 1 even when the daemon has no child of its own (nothing launched yet),
     * and SIGCHLD must still get it reaped.
     */
    @Test
    void anOrphanFromOutsideIsReapedWhileTheDaemonHasNoChildOfItsOwn(@TempDir Path dir) throws Exception {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", "");
        try (Daemon d = Mode.PID1.daemon().flag("--control-address", "127.0.0.1:0", "--init-mode", "deferred")
                .command(bootstrap.toString()).start()) {
            assertTrue(d.process().children().findAny().isEmpty(), d::describe);
            Path done = dir.resolve("orphan.done");
            Process exec = new ProcessBuilder("nsenter", "--target", Long.toString(d.pid()), "--pid", "--",
                    "sh", "-c", "( sleep 0.5; : > '" + done + "' ) & exit 0").redirectErrorStream(true).start();
            assertTrue(exec.waitFor(20, TimeUnit.SECONDS) && exec.exitValue() == 0,
                    () -> "nsenter failed: " + new String(readAll(exec)) + "\n" + d.describe());
            Await.until(() -> d.process().children().findAny().isPresent(), WAIT,
                    () -> "the orphan was not re-parented to the daemon\n" + d.describe());
            Await.file(done, WAIT, d::describe);
            Await.until(() -> d.process().children().findAny().isEmpty(), ZOMBIE_LIFETIME,
                    () -> "not reaped: " + Proc.zombieChildren(d.pid()) + "\n" + d.describe());
        }
    }

    private static byte[] readAll(Process p) {
        try {
            return p.getInputStream().readAllBytes();
        } catch (java.io.IOException e) {
            return new byte[0];
        }
    }
}
