package io.rapidjava.tests.logformat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the runtime is told: {@code AWS_LAMBDA_LOG_FORMAT} always ({@code Text} by default, as Lambda sets it),
 * {@code AWS_LAMBDA_LOG_LEVEL} only with JSON; the system log level never. Levels with Text are ignored.
 */
@Timeout(60)
class LogFormatEnvironmentTest {

    /** The runtime's view of the three variables, one {@code NAME=value} (or {@code NAME unset}) a line. */
    private static List<String> seenBy(Path dir, UnaryOperator<Daemon.Builder> configure) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                for name in AWS_LAMBDA_LOG_FORMAT AWS_LAMBDA_LOG_LEVEL RAPID_SYSTEM_LOG_LEVEL; do
                  if [ -n "${!name+set}" ]; then log_line env.tmp "$name=${!name}"; else log_line env.tmp "$name unset"; fi
                done
                mv "$HERE/env.tmp" "$HERE/env"
                while next; do respond '"ok"'; done
                """);
        try (Daemon d = configure.apply(Daemon.builder().cleanLambdaEnv()).command(bootstrap.toString()).start()) {
            return Await.file(dir.resolve("env"), JsonStream.WAIT, d::describe).lines().toList();
        }
    }

    @Test
    void textByDefault(@TempDir Path dir) {
        assertEquals(List.of("AWS_LAMBDA_LOG_FORMAT=Text", "AWS_LAMBDA_LOG_LEVEL unset", "RAPID_SYSTEM_LOG_LEVEL unset"),
                seenBy(dir, b -> b));
    }

    @Test
    void jsonWithTheDefaultApplicationLevel(@TempDir Path dir) {
        assertEquals(List.of("AWS_LAMBDA_LOG_FORMAT=JSON", "AWS_LAMBDA_LOG_LEVEL=INFO", "RAPID_SYSTEM_LOG_LEVEL unset"),
                seenBy(dir, b -> b.env("AWS_LAMBDA_LOG_FORMAT", "json").env("RAPID_SYSTEM_LOG_LEVEL", "WARN")));
    }

    @Test
    void jsonWithTheLevelOfTheFlagInLambdasSpelling(@TempDir Path dir) {
        assertEquals(List.of("AWS_LAMBDA_LOG_FORMAT=JSON", "AWS_LAMBDA_LOG_LEVEL=DEBUG", "RAPID_SYSTEM_LOG_LEVEL unset"),
                seenBy(dir, b -> b.env("AWS_LAMBDA_LOG_LEVEL", "ERROR")
                        .flag("--log-format", "JSON", "--application-log-level", "debug")));
    }

    @Test
    void aLevelWithTheTextFormatIsIgnoredAndNotPassedOn(@TempDir Path dir) {
        assertEquals(List.of("AWS_LAMBDA_LOG_FORMAT=Text", "AWS_LAMBDA_LOG_LEVEL unset", "RAPID_SYSTEM_LOG_LEVEL unset"),
                seenBy(dir, b -> b.env("AWS_LAMBDA_LOG_LEVEL", "DEBUG")));
    }

    @Test
    void anUnknownFormatIsRefused(@TempDir Path dir) {
        try (Daemon d = Daemon.builder().cleanLambdaEnv().flag("--log-format", "yaml")
                .command(Scripts.bash(dir, "bootstrap", "exit 0\n").toString()).startExpectingExit()) {
            assertEquals(2, d.awaitExit(Duration.ofSeconds(30)), d::describe);
            assertTrue(d.stderr().stream().anyMatch(l -> l.contains("--log-format") && l.contains("yaml")),
                    d::describe);
        }
    }
}
