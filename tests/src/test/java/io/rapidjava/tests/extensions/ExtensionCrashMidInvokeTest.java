package io.rapidjava.tests.extensions;

import static io.rapidjava.tests.extensions.Ext.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brief item 4: an extension exits when it receives INVOKE, while the runtime (held by a marker file) has not
 * responded yet → that invoke fails with {@code Extension.Crash}, the other SHUTDOWN subscriber gets reason
 * {@code failure}, and the next invoke re-initialises (a second registration, a new INIT_START) and succeeds.
 */
@Timeout(90)
class ExtensionCrashMidInvokeTest {

    @Test
    void crashDuringInvokeFailsItAndTheNextInvokeReinitialises(@TempDir Path dir) {
        Path ext = Ext.extDir(dir);
        ExtScripts.extension(ext, "crashy", dir, """
                log_line crashy.launches "$$"
                ext_register "$EXT_NAME" '{"events":["INVOKE","SHUTDOWN"]}' || exit 1
                log_line crashy.registrations "$EXT_ID"
                while ext_next; do
                  log_line "$EXT_NAME.events.log" "$(now_ms) $EVENT_TYPE $EVENT_REQUEST_ID"
                  case "$EVENT_TYPE" in
                    INVOKE)
                      if mv "$OUT/crash-armed" "$OUT/crash-used" 2>/dev/null; then
                        put crashy.crashing "$(now_ms)"
                        exit 3
                      fi ;;
                    SHUTDOWN) exit 0 ;;
                  esac
                done
                """);
        ExtScripts.recorder(ext, "observer", dir, "{\"events\":[\"SHUTDOWN\"]}");
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  case "$EVENT" in
                    hold-*) wait_for "release-$EVENT" ;;
                  esac
                  respond "ok:$REQUEST_ID" "text/plain"
                done
                """);

        try (Daemon d = Ext.daemon(ext).command(bootstrap.toString()).start()) {
            // settled: the extension is parked again before the test arms it
            Ext.invokeAndSettle(d, dir, "warm");
            long firstCrashyPid = Long.parseLong(
                    Await.lines(dir.resolve("crashy.launches"), 1, WAIT, d::describe).getFirst().trim());
            Ext.Proc firstCrashy = Ext.Proc.of("first crashy extension", firstCrashyPid);

            ExtScripts.touch(dir, "crash-armed");
            CompletableFuture<HttpResponse<String>> held = Ext.invokeAsync(d, "hold-1");
            HttpResponse<String> r;
            try {
                r = Ext.answer(d, held, WAIT);
            } finally {
                ExtScripts.touch(dir, "release-hold-1");
            }
            // from the answer, not the runtime's log: the reset may stop the runtime before it writes one
            String id = r.headers().firstValue("X-Amzn-RequestId").orElseThrow();
            Ext.assertUnhandled(r);
            Json.assertErrorBody(r.body(), "Extension.Crash",
                    "RequestId: " + id + " Error: Extension crashy exited: exit status 3");
            Ext.assertAllGone(d, List.of(firstCrashy));

            Ext.Saved shutdown = Recorded.awaitShutdown(d, dir, "observer");
            assertEquals("failure", shutdown.json().path("shutdownReason").asText(),
                    () -> "SHUTDOWN to the other subscriber after the crash: " + shutdown.body());
            d.awaitStderr(l -> l.contains("Reset initiated: failure"), WAIT);

            HttpResponse<String> after = d.invoke("after");
            Ext.assertSuccess(after);
            String afterId = Ext.idSeenFor(d, dir.resolve("ids.log"), "after");
            assertEquals("ok:" + afterId, after.body());

            List<String> registrations = Await.lines(dir.resolve("crashy.registrations"), 2, WAIT, d::describe);
            assertEquals(2, registrations.size(), () -> "registrations of crashy: " + registrations);
            Ext.assertUuid("second identifier", registrations.get(1));
            Recorded.receivedAt(d, dir, "crashy", "INVOKE", afterId);
            d.awaitStdoutCount(l -> l.startsWith("INIT_START"), 2, WAIT);

            // the daemon's log names the process extension-<basename>-<generation>
            Pattern crashLine = Pattern.compile("extension-crashy-\\d+\\b.*exit status 3");
            assertTrue(d.stderr().stream().anyMatch(l -> crashLine.matcher(l).find()),
                    () -> "stderr has no line naming extension-crashy-<generation> and its exit status\n"
                            + d.describe());
        }
    }
}
