package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static io.rapidjava.tests.runtimeapi.Rt.assertUnhandled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract items 4 and 5: the runtime exits (or is SIGKILLed) during an invoke, or exits during init. The invoker
 * gets 200 + {@code X-Amz-Function-Error: Unhandled} + a {@code Runtime.ExitError} body; the next invoke
 * re-initialises (a new {@code INIT_START}) and succeeds.
 */
@Timeout(60)
class RuntimeCrashTest {

    static final Predicate<String> INIT_START = l -> l.startsWith("INIT_START");

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        // events: "exit3|tag" → exit 3 mid-invoke; "kill9|tag" → SIGKILL itself; anything else → "ok:<id>:<pid>"
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  case "$EVENT" in
                    exit3*) exit 3 ;;
                    kill9*) kill -9 $$ ;;
                    *) respond "ok:$REQUEST_ID:$$" "text/plain" ;;
                  esac
                done
                """);
        daemon = Rt.daemon().command(bootstrap.toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static String idSeenFor(String event) {
        return Rt.idSeenFor(daemon, dir.resolve("ids.log"), event);
    }

    private static String okPid(HttpResponse<String> r) {
        assertSuccess(r);
        assertTrue(r.body().startsWith("ok:"), () -> "body " + r.body());
        return r.body().substring(r.body().lastIndexOf(':') + 1);
    }

    private void crashThenRecover(String kind, String expectedReason) {
        String pidBefore = okPid(daemon.invoke("warm-" + UUID.randomUUID()));
        long initsBefore = Rt.count(daemon, INIT_START);

        String event = kind + "|" + UUID.randomUUID();
        HttpResponse<String> r = daemon.invoke(event);
        assertUnhandled(r);
        String id = idSeenFor(event);
        Json.assertErrorBody(r.body(), "Runtime.ExitError",
                "RequestId: " + id + " Error: Runtime exited with error: " + expectedReason);

        String pidAfter = okPid(daemon.invoke("after-" + UUID.randomUUID()));
        assertNotEquals(pidBefore, pidAfter, "a new runtime process serves the next invoke");
        List<String> inits = daemon.awaitStdoutCount(INIT_START, (int) initsBefore + 1, WAIT);
        assertTrue(inits.size() >= initsBefore + 1);
    }

    @Test
    void exitMidInvokeIsRuntimeExitErrorThenReinitialises() {
        crashThenRecover("exit3", "exit status 3");
    }

    @Test
    void sigkillMidInvokeIsRuntimeExitErrorThenReinitialises() {
        crashThenRecover("kill9", "signal: killed");
    }

    @Test
    void exitDuringInit(@TempDir Path own) {
        Path bootstrap = Scripts.bash(own, "bootstrap", "echo 'bye from init'\nexit 1\n");
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> r = d.invoke("{\"attempt\":" + i + "}");
                assertUnhandled(r);
                assertFalse(r.body().isEmpty(), "never an empty body");
                assertEquals("Runtime.ExitError", Json.errorType(r.body()), () -> "body " + r.body());
                String msg = Json.errorMessage(r.body());
                assertTrue(msg.endsWith("Error: Runtime exited with error: exit status 1"), () -> "errorMessage " + msg);
            }
            String report = d.awaitStdout(l -> l.startsWith("INIT_REPORT") && l.contains("Status: error"), WAIT);
            assertTrue(report.contains("Error Type: Runtime.ExitError"), () -> "INIT_REPORT line: " + report);
        }
    }
}
