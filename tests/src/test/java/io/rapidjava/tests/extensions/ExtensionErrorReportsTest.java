package io.rapidjava.tests.extensions;

import static io.rapidjava.tests.extensions.Ext.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brief item 10: an extension that reports {@code init/error} fails init with {@code Extension.InitError}; one that
 * reports {@code exit/error} during an invoke fails that invoke with {@code Extension.ExitError}. Both exit right
 * after reporting, as real extensions do; the reported type decides the error, not the exit.
 */
@Timeout(90)
class ExtensionErrorReportsTest {

    @Test
    void initErrorFailsInitWithExtensionInitError(@TempDir Path dir) {
        Path ext = Ext.extDir(dir);
        ExtScripts.extension(ext, "init-failer", dir, """
                ext_register "$EXT_NAME" '{"events":["INVOKE","SHUTDOWN"]}' || exit 1
                ext_error init Extension.ConfigMissing
                ext_save init-error
                exit 1
                """);
        try (Daemon d = Ext.daemon(ext).command(ExtScripts.echoRuntime(dir).toString()).start()) {
            for (int attempt = 0; attempt < 2; attempt++) {
                HttpResponse<String> r = d.invoke("{\"attempt\":" + attempt + "}");
                Ext.assertUnhandled(r);
                assertEquals("Extension.InitError", Json.errorType(r.body()), () -> "body " + r.body());
                assertTrue(Json.errorMessage(r.body()).startsWith("RequestId: "), r::body);
            }
            Ext.Saved answer = Ext.Saved.await(d, dir, "init-error");
            answer.assertStatus(202);
            assertEquals(Json.STATUS_OK, answer.body(), "init/error is accepted");
            String report = d.awaitStdout(l -> l.startsWith("INIT_REPORT") && l.contains("Status: error"), WAIT);
            assertTrue(report.contains("Error Type: Extension.InitError"), () -> "INIT_REPORT line: " + report);
        }
    }

    @Test
    void exitErrorDuringAnInvokeFailsItWithExtensionExitError(@TempDir Path dir) {
        Path ext = Ext.extDir(dir);
        ExtScripts.extension(ext, "exit-failer", dir, """
                ext_register "$EXT_NAME" '{"events":["INVOKE","SHUTDOWN"]}' || exit 1
                while ext_next; do
                  case "$EVENT_TYPE" in
                    INVOKE)
                      if mv "$OUT/exit-error-armed" "$OUT/exit-error-used" 2>/dev/null; then
                        ext_error exit Extension.LostConnection
                        ext_save exit-error
                        exit 1
                      fi ;;
                    SHUTDOWN) exit 0 ;;
                  esac
                done
                """);
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
            ExtScripts.touch(dir, "exit-error-armed");
            CompletableFuture<HttpResponse<String>> held = Ext.invokeAsync(d, "hold-1");
            HttpResponse<String> r;
            try {
                r = Ext.answer(d, held, WAIT);
            } finally {
                ExtScripts.touch(dir, "release-hold-1");
            }
            String id = Ext.idSeenFor(d, dir.resolve("ids.log"), "hold-1");
            Ext.assertUnhandled(r);
            assertEquals("Extension.ExitError", Json.errorType(r.body()), () -> "body " + r.body());
            assertTrue(Json.errorMessage(r.body()).startsWith("RequestId: " + id + " "), r::body);

            Ext.Saved answer = Ext.Saved.await(d, dir, "exit-error");
            answer.assertStatus(202);
            assertEquals(Json.STATUS_OK, answer.body(), "exit/error is accepted");

            HttpResponse<String> after = d.invoke("after");
            Ext.assertSuccess(after);
            assertEquals("ok:" + Ext.idSeenFor(d, dir.resolve("ids.log"), "after"), after.body());
        }
    }
}
