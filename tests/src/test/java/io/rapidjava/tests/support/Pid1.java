package io.rapidjava.tests.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Running the daemon as PID 1, the way a container runtime does: in fresh PID and mount namespaces
 * ({@code unshare --pid --fork --mount-proc}, root only), so it is the namespace's init, every orphan in it is
 * re-parented to it, and its {@code /proc} shows only the sandbox. {@code --kill-child}: if the test kills unshare,
 * the daemon dies with it (and with the daemon, as with any PID 1, everything in its namespace).
 */
public final class Pid1 {

    /** The wrapper; unshare forks the daemon as its child (the namespace's PID 1) and exits with its exit code. */
    static final List<String> UNSHARE = List.of("unshare", "--pid", "--fork", "--kill-child", "--mount-proc");

    private static volatile String unavailable;
    private static volatile boolean checked;

    private Pid1() {
    }

    /** Skips the calling test, saying why, when fresh PID and mount namespaces cannot be made here. */
    public static void assumeAvailable() {
        if (!checked) {
            unavailable = probe();
            checked = true;
        }
        Assumptions.assumeTrue(unavailable == null, () -> "cannot run the daemon as PID 1 here: " + unavailable);
    }

    private static String probe() {
        try {
            Process p = new ProcessBuilder(concat(UNSHARE, "sh", "-c", "test $$ = 1")).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "unshare did not return within 30 s";
            }
            return p.exitValue() == 0 ? null
                    : "unshare --pid --fork --mount-proc failed (exit " + p.exitValue() + ", needs root): " + out;
        } catch (IOException e) {
            return "unshare (util-linux) cannot be run: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    static List<String> concat(List<String> head, String... tail) {
        return java.util.stream.Stream.concat(head.stream(), java.util.Arrays.stream(tail)).toList();
    }
}
