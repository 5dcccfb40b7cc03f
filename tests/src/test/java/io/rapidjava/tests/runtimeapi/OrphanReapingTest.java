package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * PID-1 duty: a process the runtime orphans is re-parented to the daemon (a child subreaper) and, once it
 * exits, reaped rather than left as a zombie.
 */
@Timeout(60)
class OrphanReapingTest {

    @TempDir
    Path dir;

    @Test
    void orphansOfTheRuntimeAreReaped() {
        // The outer subshell exits at once, orphaning the inner one, which exits a moment later.
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  ( ( echo $BASHPID > "$HERE/orphan.pid"; sleep 0.3 ) & )
                  respond "ok" "text/plain"
                done
                """);
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            assertSuccess(d.invoke("{}"));
            String pid = Await.file(dir.resolve("orphan.pid"), WAIT).trim();
            Path proc = Path.of("/proc", pid);
            Await.until(() -> !Files.exists(proc), WAIT,
                    () -> "orphan " + pid + " was not reaped: " + readStatus(proc) + "\n" + d.describe());
        }
    }

    private static String readStatus(Path proc) {
        try {
            return Files.readAllLines(proc.resolve("status")).stream()
                    .filter(l -> l.startsWith("State:") || l.startsWith("PPid:")).toList().toString();
        } catch (Exception e) {
            return "gone";
        }
    }
}
