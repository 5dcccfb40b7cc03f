package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract item 17: SIGTERM (and SIGINT) with the runtime idle → the daemon exits 0 within 5 s and the runtime and a
 * child it spawned are gone.
 */
@Timeout(60)
class ShutdownTest {

    /** Gone = no such process, a different process with that pid, or a zombie awaiting its reaper. */
    static boolean gone(ProcessHandle h) {
        if (!h.isAlive()) {
            return true;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + h.pid() + "/stat"));
            String afterName = stat.substring(stat.lastIndexOf(')') + 1).trim();
            return afterName.startsWith("Z") || afterName.startsWith("X");
        } catch (IOException e) {
            return true;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TERM", "INT"})
    void signalStopsTheDaemonAndItsProcesses(String signal, @TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                sleep 1000 &
                put child.pid "$!"
                put runtime.pid "$$"
                while next; do
                  respond '"ok"'
                done
                """);
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            assertSuccess(d.invoke("{}"));
            long runtimePid = Long.parseLong(Await.file(dir.resolve("runtime.pid"), WAIT, d::describe).trim());
            long childPid = Long.parseLong(Await.file(dir.resolve("child.pid"), WAIT, d::describe).trim());
            ProcessHandle runtime = ProcessHandle.of(runtimePid)
                    .orElseThrow(() -> new AssertionError("runtime not running\n" + d.describe()));
            ProcessHandle child = ProcessHandle.of(childPid)
                    .orElseThrow(() -> new AssertionError("runtime's child not running\n" + d.describe()));
            d.rememberDescendants();

            d.signal(signal);
            assertEquals(0, d.awaitExit(Duration.ofSeconds(5)), d::describe);
            // the daemon has exited: allow a moment for init to reap what it re-parented
            Await.until(() -> gone(runtime), Duration.ofSeconds(2), () -> "runtime " + runtimePid + " still alive");
            Await.until(() -> gone(child), Duration.ofSeconds(2), () -> "runtime's child " + childPid + " still alive");
        }
    }

    /** A process that left the runtime's process group (setsid) is still the sandbox's: killed and reaped too. */
    @org.junit.jupiter.api.Test
    void aProcessThatLeftTheGroupDoesNotSurviveTheDaemon(@TempDir Path dir) throws IOException {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                setsid sleep 1000 </dev/null >/dev/null 2>&1 &
                put escaped.pid "$!"
                while next; do
                  respond '"ok"'
                done
                """);
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            assertSuccess(d.invoke("{}"));
            long pid = Long.parseLong(Await.file(dir.resolve("escaped.pid"), WAIT, d::describe).trim());
            ProcessHandle escaped = ProcessHandle.of(pid)
                    .orElseThrow(() -> new AssertionError("escaped process not running\n" + d.describe()));
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertEquals(Long.toString(pid), fields[2], "the process leads its own group: " + stat);
            d.signal("TERM");
            assertEquals(0, d.awaitExit(Duration.ofSeconds(5)), d::describe);
            // reaped by the daemon before it exited: not even a zombie is left
            assertEquals(false, escaped.isAlive() && Files.exists(Path.of("/proc/" + pid)),
                    "escaped process " + pid + " survived the daemon");
        }
    }

    /**
     * An invoke still open when the daemon stops (answered, or still running) was started on stdout: its END and
     * REPORT come before the daemon exits.
     */
    @org.junit.jupiter.api.Test
    void openInvokesAreReportedBeforeTheDaemonExits(@TempDir Path dir) throws Exception {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  case "$EVENT" in
                    answered) respond '"ok"'; put answered.done x; sleep 1000 ;;
                    running) put running.started x; sleep 1000 ;;
                  esac
                done
                """);
        for (String event : new String[] {"answered", "running"}) {
            try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
                java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>> r = Daemon.http().sendAsync(
                        d.invokeRequest(java.net.http.HttpRequest.BodyPublishers.ofString(event), java.util.Map.of()),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                Await.file(dir.resolve(event.equals("answered") ? "answered.done" : "running.started"), WAIT,
                        d::describe);
                if (event.equals("answered")) {
                    assertSuccess(r.get());
                }
                d.signal("TERM");
                assertEquals(0, d.awaitExit(Duration.ofSeconds(5)), d::describe);
                String id = d.stdout().stream().filter(l -> l.startsWith("START RequestId: ")).findFirst()
                        .map(l -> l.split(" ")[2]).orElseThrow(() -> new AssertionError(d.describe()));
                String report = d.stdout().stream().filter(l -> l.startsWith("REPORT RequestId: " + id)).findFirst()
                        .orElseThrow(() -> new AssertionError("no REPORT for " + event + "\n" + d.describe()));
                assertEquals(event.equals("running"), report.contains("Error Type: Client.ExecutionEnvironmentShutDown"),
                        report);
                if (event.equals("running")) {
                    assertEquals(400, r.get().statusCode(), d::describe);
                }
            }
            java.nio.file.Files.deleteIfExists(dir.resolve("answered.done"));
            java.nio.file.Files.deleteIfExists(dir.resolve("running.started"));
        }
    }
}
