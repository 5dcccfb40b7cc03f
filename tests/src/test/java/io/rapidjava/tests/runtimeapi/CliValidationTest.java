package io.rapidjava.tests.runtimeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Contract item 14: invalid configuration makes the daemon refuse to start with exit code 2. */
@Timeout(60)
class CliValidationTest {

    private static Path bootstrap(Path dir) {
        return Scripts.bash(dir, "bootstrap", "exit 0\n");
    }

    private static List<String> nonBlank(List<String> lines) {
        return lines.stream().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void nonIntegerFunctionTimeoutIsRejected(@TempDir Path dir) {
        try (Daemon d = Rt.daemon().env("AWS_LAMBDA_FUNCTION_TIMEOUT", "abc")
                .command(bootstrap(dir).toString()).startExpectingExit()) {
            assertEquals(2, d.awaitExit(Duration.ofSeconds(30)), d::describe);
            List<String> err = nonBlank(d.stderr());
            assertEquals(1, err.size(), () -> "a single-line error on stderr\n" + d.describe());
            assertTrue(err.getFirst().contains("AWS_LAMBDA_FUNCTION_TIMEOUT"), d::describe);
        }
    }

    @Test
    void malformedRuntimeApiAddressIsRejected(@TempDir Path dir) {
        try (Daemon d = Rt.daemon().runtimeApiAddress("nonsense")
                .command(bootstrap(dir).toString()).startExpectingExit()) {
            assertEquals(2, d.awaitExit(Duration.ofSeconds(30)), d::describe);
            assertTrue(d.stderr().stream().anyMatch(l -> l.contains("runtime-api-address") || l.contains("nonsense")),
                    () -> "error names the flag or the value\n" + d.describe());
        }
    }

    @Test
    void unknownLogLevelIsRejected(@TempDir Path dir) {
        try (Daemon d = Rt.daemon().flag("--log-level", "shout")
                .command(bootstrap(dir).toString()).startExpectingExit()) {
            assertEquals(2, d.awaitExit(Duration.ofSeconds(30)), d::describe);
            assertTrue(d.stderr().stream().anyMatch(l -> l.contains("shout") || l.contains("log-level")),
                    () -> "error names the value or the flag\n" + d.describe());
        }
    }
}
