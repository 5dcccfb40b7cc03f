package io.rapidjava.tests.extensions;

import static io.rapidjava.tests.extensions.Ext.QUIET;
import static io.rapidjava.tests.extensions.Ext.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brief item 5: an extension slow to call {@code event/next} after INVOKE does not delay the invoker, but it does
 * delay END/REPORT of that invoke and the dispatch of the next invoke to the runtime; REPORT's Duration includes
 * the extension's post-invoke time.
 */
@Timeout(90)
class SlowExtensionTest {

    static final Pattern DURATION = Pattern.compile("\tDuration: ([0-9.]+) ms");

    @Test
    void slowEventNextDelaysReportAndNextDispatchButNotTheInvoker(@TempDir Path dir) {
        Path ext = Ext.extDir(dir);
        // after the n-th INVOKE it holds until the test creates release-<n>, then calls event/next again
        ExtScripts.extension(ext, "slow", dir, """
                ext_register "$EXT_NAME" '{"events":["INVOKE","SHUTDOWN"]}' || exit 1
                n=0
                while ext_next; do
                  case "$EVENT_TYPE" in
                    INVOKE)
                      n=$((n + 1))
                      put "slow.invoke-$n" "$(now_ms) $EVENT_REQUEST_ID"
                      wait_for "release-$n"
                      put "slow.next-again-$n" "$(now_ms)" ;;
                    SHUTDOWN) exit 0 ;;
                  esac
                done
                """);
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  log_line received.log "$(now_ms) $REQUEST_ID"
                  respond "ok:$REQUEST_ID" "text/plain"
                done
                """);

        try (Daemon d = Ext.daemon(ext).command(bootstrap.toString()).start()) {
            try {
                // ---- invoke 1: answered although the extension holds
                HttpResponse<String> first = Ext.answer(d, Ext.invokeAsync(d, "one"), Duration.ofSeconds(15));
                Ext.assertSuccess(first);
                String id1 = Ext.idSeenFor(d, dir.resolve("ids.log"), "one");
                assertEquals("ok:" + id1, first.body());
                String invoke1 = Await.file(dir.resolve("slow.invoke-1"), WAIT, d::describe);
                assertTrue(invoke1.endsWith(" " + id1), () -> "the extension got INVOKE " + invoke1);
                assertFalse(Files.exists(dir.resolve("slow.next-again-1")), "the extension was still holding");

                // ---- invoke 2 waits for the extension; so does REPORT of invoke 1
                CompletableFuture<HttpResponse<String>> second = Ext.invokeAsync(d, "two");
                Ext.throughout(QUIET, () -> {
                    assertFalse(Ext.runtimeSaw(dir.resolve("ids.log"), "two"),
                            () -> "invoke 2 reached the runtime while the extension had not called event/next\n"
                                    + d.describe());
                    assertFalse(d.stdout().stream().anyMatch(l -> l.startsWith("REPORT RequestId: " + id1)),
                            () -> "REPORT of invoke 1 printed while the extension had not called event/next\n"
                                    + d.describe());
                });
                assertFalse(second.isDone(), () -> "invoke 2 answered while held\n" + d.describe());

                ExtScripts.touch(dir, "release-1");
                HttpResponse<String> r2 = Ext.answer(d, second, WAIT);
                Ext.assertSuccess(r2);
                String id2 = Ext.idSeenFor(d, dir.resolve("ids.log"), "two");
                assertEquals("ok:" + id2, r2.body());

                long nextAgain = Ext.readLong(d, dir.resolve("slow.next-again-1"));
                long received2 = receivedAt(d, dir, id2);
                assertTrue(received2 >= nextAgain, () -> "invoke 2 reached the runtime at " + received2
                        + ", before the extension called event/next again at " + nextAgain);

                String report = d.awaitStdout(l -> l.startsWith("REPORT RequestId: " + id1 + "\t"), WAIT);
                List<String> out = d.stdout();
                assertTrue(out.indexOf("END RequestId: " + id1) < out.indexOf(report),
                        () -> "END before REPORT for invoke 1\n" + d.describe());
                long invokedAt = Long.parseLong(invoke1.substring(0, invoke1.indexOf(' ')));
                long held = nextAgain - invokedAt;
                Matcher m = DURATION.matcher(report);
                assertTrue(m.find(), () -> "no Duration in " + report);
                double duration = Double.parseDouble(m.group(1));
                assertTrue(duration >= held - 100, () -> "REPORT Duration " + duration
                        + " ms should include the extension's post-invoke time (~" + held + " ms): " + report);
            } finally {
                ExtScripts.touch(dir, "release-1");
                ExtScripts.touch(dir, "release-2");
            }
        }
    }

    private static long receivedAt(Daemon d, Path dir, String id) {
        return Await.lines(dir.resolve("received.log"), 2, WAIT, d::describe).stream()
                .filter(l -> l.endsWith(" " + id))
                .map(l -> Long.parseLong(l.substring(0, l.indexOf(' '))))
                .findFirst().orElseThrow(() -> new AssertionError("runtime never logged " + id));
    }
}
