package io.rapidjava.tests.extensions;

import static io.rapidjava.tests.extensions.Ext.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brief items 6 and 7: on SIGTERM with {@code --shutdown-timeout-ms 1000}, an extension that ignores SHUTDOWN is
 * SIGKILLed at the deadline (not before), children that ignore SIGTERM are killed too, every process of the sandbox
 * is gone (and reaped) once the daemon has exited: 3 when the extension had to be killed (the deadline was missed),
 * 0 when every process ended within its time.
 */
@Timeout(90)
class ShutdownDeadlineTest {

    static final int SHUTDOWN_TIMEOUT_MS = 1000;

    /** A runtime that logs request ids and spawns a child ignoring SIGTERM (pid in runtime-child.pid). */
    private static Path runtime(Path dir) {
        return Scripts.runtime(dir, "bootstrap", """
                ( trap '' TERM; exec sleep 1000 ) &
                put runtime-child.pid "$!"
                put runtime.pid "$$"
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  respond "ok:$REQUEST_ID" "text/plain"
                done
                """);
    }

    private static Ext.Proc proc(Daemon d, Path dir, String what, String pidFile) {
        return Ext.Proc.of(what, Ext.readLong(d, dir.resolve(pidFile)));
    }

    @Test
    void extensionIgnoringShutdownIsKilledAtTheDeadline(@TempDir Path dir) {
        Path ext = Ext.extDir(dir);
        ExtScripts.extension(ext, "stubborn", dir, """
                trap '' TERM
                put stubborn.pid "$$"
                ext_register "$EXT_NAME" '{"events":["INVOKE","SHUTDOWN"]}' || exit 1
                while ext_next; do
                  log_line "$EXT_NAME.events.log" "$(now_ms) $EVENT_TYPE $EVENT_REQUEST_ID"
                  if [ "$EVENT_TYPE" = SHUTDOWN ]; then
                    ext_save stubborn.shutdown
                    sleep 1000 &
                    put stubborn-sleep.pid "$!"
                    while true; do wait; done
                  fi
                done
                """);
        try (Daemon d = Ext.daemon(ext).flag("--shutdown-timeout-ms", Integer.toString(SHUTDOWN_TIMEOUT_MS))
                .command(runtime(dir).toString()).start()) {
            Ext.invokeAndSettle(d, dir, "settle-" + UUID.randomUUID());
            Ext.Proc stubborn = proc(d, dir, "stubborn extension", "stubborn.pid");
            d.rememberDescendants();

            long before = Ext.now();
            d.signal("TERM");
            long after = Ext.now();
            int code = d.awaitExit(Duration.ofSeconds(15));
            long exitedBy = Ext.now();
            assertEquals(3, code, () -> "the extension was killed past the deadline\n" + d.describe());

            Ext.Saved sd = Ext.Saved.await(d, dir, "stubborn.shutdown");
            sd.assertStatus(200);
            assertEquals("spindown", sd.json().path("shutdownReason").asText(), sd::body);
            long deadline = sd.json().path("deadlineMs").asLong();
            assertTrue(deadline >= before + SHUTDOWN_TIMEOUT_MS - 300 && deadline <= after + SHUTDOWN_TIMEOUT_MS + 700,
                    () -> "deadlineMs " + deadline + " should be ~SIGTERM (" + before + ".." + after + ") + "
                            + SHUTDOWN_TIMEOUT_MS);
            System.out.printf("stubborn: SIGTERM at %d..%d, deadlineMs %d (+%d), daemon exited by %d (deadline%+d ms)%n",
                    before, after, deadline, deadline - before, exitedBy, exitedBy - deadline);
            assertTrue(exitedBy >= deadline - 200, () -> "the daemon exited at (or before) " + exitedBy
                    + ", well before the deadline " + deadline + ": the extension had until then\n" + d.describe());
            assertTrue(exitedBy <= deadline + 3000, () -> "the daemon exited only at " + exitedBy
                    + ", long after the deadline " + deadline + "\n" + d.describe());

            Ext.Proc sleeper = new Ext.Proc("stubborn's sleep", Ext.readLong(d, dir.resolve("stubborn-sleep.pid")), -1);
            List<Ext.Proc> procs = new ArrayList<>(List.of(stubborn));
            // the sleep's start time was not captured while it ran; "gone" then means no such pid at all
            Ext.startTime(sleeper.pid()).ifPresent(st -> procs.add(new Ext.Proc(sleeper.what(), sleeper.pid(), st)));
            Ext.assertAllGone(d, procs);
        }
    }

    @Test
    void childrenIgnoringSigtermAreKilledAndEverythingIsReaped(@TempDir Path dir) {
        Path ext = Ext.extDir(dir);
        // subscribed to SHUTDOWN: exits 0 on it, but leaves its TERM-ignoring child behind in its process group
        ExtScripts.extension(ext, "e1-leaves-child", dir, """
                ( trap '' TERM; exec sleep 1000 ) &
                put e1-child.pid "$!"
                put e1.pid "$$"
                ext_register "$EXT_NAME" '{"events":["SHUTDOWN"]}' || exit 1
                """ + ExtScripts.RECORDING_LOOP);
        // not subscribed to SHUTDOWN: killed at once, with its TERM-ignoring child; a second child left the process
        // group (setsid) but is still a process of the sandbox
        ExtScripts.extension(ext, "e2-not-subscribed", dir, """
                ( trap '' TERM; exec sleep 1000 ) &
                put e2-child.pid "$!"
                setsid bash -c "trap '' TERM; exec sleep 1000" &
                put e2-escaped.pid "$!"
                put e2.pid "$$"
                ext_register "$EXT_NAME" '{}' || exit 1
                """ + ExtScripts.RECORDING_LOOP);
        try (Daemon d = Ext.daemon(ext).flag("--shutdown-timeout-ms", Integer.toString(SHUTDOWN_TIMEOUT_MS))
                .command(runtime(dir).toString()).start()) {
            Ext.invokeAndSettle(d, dir, "settle-" + UUID.randomUUID());
            List<Ext.Proc> procs = new ArrayList<>(List.of(
                    proc(d, dir, "extension e1", "e1.pid"),
                    proc(d, dir, "child of e1 (ignores TERM)", "e1-child.pid"),
                    proc(d, dir, "extension e2", "e2.pid"),
                    proc(d, dir, "child of e2 (ignores TERM)", "e2-child.pid"),
                    proc(d, dir, "child of e2 in its own session (ignores TERM)", "e2-escaped.pid"),
                    proc(d, dir, "runtime", "runtime.pid"),
                    proc(d, dir, "child of the runtime (ignores TERM)", "runtime-child.pid")));
            // and whatever else the sandbox runs right now (curl long-polls, ...)
            procs.addAll(Ext.sandbox(d));
            d.rememberDescendants();

            long before = Ext.now();
            d.signal("TERM");
            int code = d.awaitExit(Duration.ofSeconds(15));
            long exitedBy = Ext.now();
            assertEquals(0, code, d::describe);
            assertTrue(exitedBy <= before + SHUTDOWN_TIMEOUT_MS + 3000,
                    () -> "the daemon took " + (exitedBy - before) + " ms to stop\n" + d.describe());

            Ext.Saved sd = Recorded.awaitShutdown(d, dir, "e1-leaves-child");
            assertEquals("spindown", sd.json().path("shutdownReason").asText(), sd::body);
            Ext.assertAllGone(d, procs);
            assertTrue(Recorded.log(dir, "e2-not-subscribed").stream().noneMatch(l -> l.contains("SHUTDOWN")),
                    "e2 did not subscribe to SHUTDOWN");
        }
    }
}
