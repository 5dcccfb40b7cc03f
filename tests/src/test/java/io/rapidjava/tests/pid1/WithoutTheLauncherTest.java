package io.rapidjava.tests.pid1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The jar started by hand ({@code java -jar}, without the launcher's blocked signals): the daemon says, in one line,
 * that it forwards nothing, and still stops gracefully on SIGTERM and SIGINT, through the JVM's own handlers.
 */
@Timeout(60)
class WithoutTheLauncherTest {

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void sigtermAndSigintStillStopTheDaemon(String signal, @TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  respond '"ok"'
                done
                """);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().bareJar().command(bootstrap.toString()).start()) {
            d.awaitStderr(l -> l.contains("[WARN] (rapid) Signals are not blocked at start")
                    && l.contains("SIGHUP, SIGUSR1, SIGUSR2, SIGWINCH and SIGQUIT are not forwarded"), Duration.ofSeconds(20));
            assertEquals(200, d.invoke("{}").statusCode(), d::describe);
            d.signal(signal);
            assertEquals(0, d.awaitExit(Duration.ofSeconds(15)), d::describe);
        }
    }
}
