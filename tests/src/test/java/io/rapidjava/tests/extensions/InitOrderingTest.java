package io.rapidjava.tests.extensions;

import static io.rapidjava.tests.extensions.Ext.QUIET;
import static io.rapidjava.tests.extensions.Ext.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brief item 2: the INIT gates. The runtime starts only after every extension registered; init completes (the
 * first invoke reaches the runtime, {@code INIT REPORT} is logged) only after every extension called
 * {@code event/next}; extensions are launched in name order; subdirectories of the extensions dir are ignored.
 */
@Timeout(90)
class InitOrderingTest {

    @Test
    void runtimeWaitsForRegistrationAndInitWaitsForEveryEventNext(@TempDir Path dir) throws IOException {
        Path ext = Ext.extDir(dir);
        // names whose byte order ("B-gate" < "a-quick" < "c-late-next") differs from creation order and from a
        // locale-aware order
        ExtScripts.extension(ext, "c-late-next", dir, """
                put c.pid "$$"
                ext_register "$EXT_NAME" '{"events":["INVOKE"]}' || exit 1
                put c.registered "$(now_ms)"
                wait_for release-next
                put c.next-called "$(now_ms)"
                """ + ExtScripts.RECORDING_LOOP);
        ExtScripts.extension(ext, "a-quick", dir, """
                put a.pid "$$"
                ext_register "$EXT_NAME" '{"events":["INVOKE"]}' || exit 1
                put a.registered "$(now_ms)"
                """ + ExtScripts.RECORDING_LOOP);
        ExtScripts.extension(ext, "B-gate", dir, """
                put b.pid "$$"
                put b.waiting "$(now_ms)"
                wait_for release-register
                if [ -e "$OUT/runtime.started" ]; then put b.saw-runtime yes; else put b.saw-runtime no; fi
                put b.register-requested "$(now_ms)"
                ext_register "$EXT_NAME" '{}' || exit 1
                put b.registered "$(now_ms)"
                """ + ExtScripts.RECORDING_LOOP);
        // a subdirectory (even with an executable inside) is not an extension
        Path sub = Files.createDirectories(ext.resolve("d-subdir"));
        Scripts.bash(sub, "run", "touch " + ExtScripts.quote(dir.resolve("subdir-ran").toString()) + "\n");

        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                put runtime.started "$(now_ms)"
                put runtime.first-next "$(now_ms)"
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  log_line rt-received.log "$(now_ms)"
                  respond "ok:$REQUEST_ID" "text/plain"
                done
                """);

        try (Daemon d = Ext.daemon(ext).command(bootstrap.toString()).start()) {
            // ---- gate 1: every extension registered before the runtime starts
            Await.file(dir.resolve("a.registered"), WAIT, d::describe);
            Await.file(dir.resolve("c.registered"), WAIT, d::describe);
            Await.file(dir.resolve("b.waiting"), WAIT, d::describe);
            Ext.throughout(QUIET, () -> assertFalse(Files.exists(dir.resolve("runtime.started")),
                    () -> "the runtime started while extension B-gate had not registered\n" + d.describe()));
            ExtScripts.touch(dir, "release-register");
            long runtimeStarted = Ext.readLong(d, dir.resolve("runtime.started"));
            long bRequested = Ext.readLong(d, dir.resolve("b.register-requested"));
            assertEquals("no", Await.file(dir.resolve("b.saw-runtime"), WAIT, d::describe));
            assertTrue(runtimeStarted >= bRequested, () -> "runtime started at " + runtimeStarted
                    + ", before B-gate even asked to register (" + bRequested + ")");

            // ---- launch order: by name, byte order
            long pidB = Ext.readLong(d, dir.resolve("b.pid"));
            long pidA = Ext.readLong(d, dir.resolve("a.pid"));
            long pidC = Ext.readLong(d, dir.resolve("c.pid"));
            assertTrue(Ext.pidAfter(pidB, pidA) && Ext.pidAfter(pidA, pidC),
                    () -> "launch order by name should be B-gate, a-quick, c-late-next; pids " + pidB + ", " + pidA
                            + ", " + pidC);

            // ---- gate 2: init completes only once every extension called event/next
            Await.file(dir.resolve("runtime.first-next"), WAIT, d::describe);
            CompletableFuture<HttpResponse<String>> first = Ext.invokeAsync(d, "first");
            Ext.throughout(QUIET, () -> {
                assertFalse(Files.exists(dir.resolve("ids.log")),
                        () -> "the runtime got an invoke while c-late-next had not called event/next\n" + d.describe());
                assertFalse(first.isDone(), () -> "invoke answered while c-late-next had not called event/next\n"
                        + d.describe());
            });
            assertFalse(d.stderr().stream().anyMatch(l -> l.contains("INIT REPORT(durationMs")),
                    () -> "INIT REPORT logged before every extension called event/next\n" + d.describe());

            ExtScripts.touch(dir, "release-next");
            HttpResponse<String> r = Ext.answer(d, first, WAIT);
            Ext.assertSuccess(r);
            long cNext = Ext.readLong(d, dir.resolve("c.next-called"));
            long received = Long.parseLong(Await.lines(dir.resolve("rt-received.log"), 1, WAIT, d::describe)
                    .getFirst());
            assertTrue(received >= cNext, () -> "the runtime got the first invoke at " + received
                    + ", before c-late-next called event/next at " + cNext);
            d.awaitStderr(l -> l.contains("INIT REPORT(durationMs"), WAIT);

            Ext.assertSuccess(d.invoke("second"));
            assertFalse(Files.exists(dir.resolve("subdir-ran")), "nothing in a subdirectory is launched");
        }
    }
}
