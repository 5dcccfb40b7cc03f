package io.rapidjava.tests.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 9 item 9: values that overflowed later (a 500 then hanging invokes, a negative deadline header, a
 * SIGTERM that never exits) are refused at startup: one line on stderr, exit code 2.
 */
@Timeout(60)
class ConfigBoundsTest {

    @ParameterizedTest
    @CsvSource({
        "AWS_LAMBDA_FUNCTION_TIMEOUT, 9223372036854775807",
        "AWS_LAMBDA_FUNCTION_TIMEOUT, 9223372036854775",
        "RAPID_SHUTDOWN_TIMEOUT_MS, 9223372036854775807",
        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE, 64"})
    void outOfRangeValueStopsTheDaemon(String variable, String value, @TempDir Path dir) {
        Path bootstrap = Scripts.bash(dir, "bootstrap", "exit 0\n");
        try (Daemon d = Edge.daemon().env(variable, value).command(bootstrap.toString()).startExpectingExit()) {
            assertEquals(2, d.awaitExit(Duration.ofSeconds(30)), d::describe);
            List<String> err = d.stderr().stream().filter(l -> !l.isBlank()).toList();
            assertEquals(1, err.size(), () -> "one line on stderr\n" + d.describe());
            assertTrue(err.getFirst().contains(variable) && err.getFirst().contains("must be between"), d::describe);
        }
    }
}
