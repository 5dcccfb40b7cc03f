package io.rapidjava.tests.pid1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH and SIGQUIT sent to the daemon reach the runtime's process group, as tini
 * forwards them (dumb-init's proxies_signals_test, with a bash runtime that traps and records them instead of
 * print_signals.py): the runtime and a child of it in its group each get every one, once, even when the daemon was
 * started ignoring some of them; the daemon goes on, and SIGQUIT also writes its threads to stderr.
 */
@Timeout(90)
class SignalForwardingTest {

    static final Duration WAIT = Duration.ofSeconds(20);
    static final List<String> FORWARDED = List.of("HUP", "USR1", "USR2", "WINCH", "QUIT");

    /** Traps every forwarded signal, appending its name to {@code $HERE/<who>.signals}. */
    private static String traps(String who) {
        return "for s in " + String.join(" ", FORWARDED) + "; do trap \"log_line " + who + ".signals $s\" $s; done\n";
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyForwardedSignalReachesTheRuntimesProcessGroup(Mode mode, @TempDir Path dir) {
        // a fresh bash, so that it can trap SIGQUIT (bash's background jobs ignore it); env keeps it in the group
        Scripts.runtime(dir, "child", traps("child") + """
                put child.ready 1
                while true; do sleep 1000 & wait $!; done
                """);
        // the long poll runs in the background, so that a trapped signal interrupts the wait and is recorded at
        // once; a poll the signal killed (its curl is in the group too) is simply made again
        Path bootstrap = Scripts.runtime(dir, "bootstrap", traps("runtime") + """
                env --default-signal=INT,QUIT "$HERE/child" &
                while true; do
                  : > "$HEADERS_FILE"
                  curl -sS -D "$HEADERS_FILE" -o "$EVENT_FILE" "$API/runtime/invocation/next" & poll=$!
                  while kill -0 "$poll" 2>/dev/null; do wait "$poll"; done
                  REQUEST_ID="$(header Lambda-Runtime-Aws-Request-Id)"
                  [ -z "$REQUEST_ID" ] || respond '"ok"'
                done
                """);
        // started as a shell's background job under nohup would be: ignoring SIGHUP, SIGINT and SIGQUIT, which the
        // daemon still takes and its runtime must not inherit (bash could not even trap them)
        try (Daemon d = mode.daemon().prefix("env", "--ignore-signal=HUP,INT,QUIT").command(bootstrap.toString())
                .start()) {
            assertEquals(200, d.invoke("{}").statusCode(), d::describe);
            Await.file(dir.resolve("child.ready"), WAIT, d::describe);
            for (int i = 0; i < FORWARDED.size(); i++) {
                String signal = FORWARDED.get(i);
                d.signal(signal);
                List<String> expected = FORWARDED.subList(0, i + 1);
                for (String who : List.of("runtime", "child")) {
                    List<String> got = Await.lines(dir.resolve(who + ".signals"), i + 1, WAIT, d::describe);
                    assertEquals(expected, got, () -> who + " got SIG" + signal + " once\n" + d.describe());
                }
            }
            d.awaitStderr(l -> l.contains("SIGQUIT: the daemon's threads"), WAIT);
            d.awaitStderr(l -> l.startsWith("\"signals\" #"), WAIT);
            assertTrue(d.process().isAlive(), d::describe);
            assertEquals(200, d.invoke("{}").statusCode(), d::describe);
        }
    }
}
