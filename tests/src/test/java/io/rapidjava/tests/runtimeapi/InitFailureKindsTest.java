package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static io.rapidjava.tests.runtimeapi.Rt.assertUnhandled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Init failures that involve no running process (a bootstrap that cannot be executed, a missing working
 * directory), and a runtime that exits while idle: the next invoke re-initialises instead of failing with a
 * stale error.
 */
@Timeout(60)
class InitFailureKindsTest {

    @TempDir
    Path dir;

    @Test
    void missingBootstrapIsInvalidEntrypoint() {
        try (Daemon d = Rt.daemon().command(dir.resolve("no-such-bootstrap").toString()).start()) {
            HttpResponse<String> r = d.invoke("{}");
            assertUnhandled(r);
            assertEquals("Runtime.InvalidEntrypoint", Json.errorType(r.body()), () -> "body " + r.body());
            assertTrue(Json.errorMessage(r.body()).contains("no such file or directory"), () -> "body " + r.body());
            String report = d.awaitStdout(l -> l.startsWith("INIT_REPORT"), WAIT);
            assertTrue(report.contains("Status: error\tError Type: Runtime.InvalidEntrypoint"), report);
        }
    }

    @Test
    void bootstrapThatIsNotExecutableIsInvalidEntrypoint() throws Exception {
        Path bootstrap = Files.writeString(dir.resolve("bootstrap"), "#!/bin/sh\nexit 0\n");
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            HttpResponse<String> r = d.invoke("{}");
            assertUnhandled(r);
            assertEquals("Runtime.InvalidEntrypoint", Json.errorType(r.body()), () -> "body " + r.body());
            assertTrue(Json.errorMessage(r.body()).contains("permission denied"), () -> "body " + r.body());
        }
    }

    @Test
    void missingTaskDirectoryIsInvalidWorkingDir() {
        // Without a bootstrap argument the runtime runs in /var/task, which this machine does not have.
        assumeFalse(Files.exists(Path.of("/var/task")), "/var/task exists on this machine");
        try (Daemon d = Rt.daemon().start()) {
            HttpResponse<String> r = d.invoke("{}");
            assertUnhandled(r);
            assertEquals("Runtime.InvalidWorkingDir", Json.errorType(r.body()), () -> "body " + r.body());
        }
    }

    @Test
    void runtimeExitingWhileIdleIsReinitialisedByTheNextInvoke() {
        // Serves one invoke, then exits 0 while idle; each process answers with its own pid.
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                next
                respond "served-by:$$" "text/plain"
                exit 0
                """);
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            HttpResponse<String> first = d.invoke("{}");
            assertSuccess(first);
            d.awaitStderr(l -> l.contains("exited: exit status 0"), WAIT);
            HttpResponse<String> second = d.invoke("{}");
            assertSuccess(second);
            assertTrue(second.body().startsWith("served-by:"), () -> "body " + second.body());
            assertTrue(!second.body().equals(first.body()), "a new runtime process served the second invoke");
            assertEquals(2, d.awaitStdoutCount(l -> l.startsWith("INIT_START"), 2, WAIT).size());
        }
    }
}
