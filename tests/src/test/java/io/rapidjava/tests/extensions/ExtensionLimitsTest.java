package io.rapidjava.tests.extensions;

import static io.rapidjava.tests.extensions.Ext.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * Brief item 14: at most 10 extensions. 10 files are fine; 11 files fail init with {@code Extension.LaunchError};
 * so does a file that is not executable (message contains {@code permission denied}). The runtime is never started
 * when an extension cannot be launched.
 */
@Timeout(120)
class ExtensionLimitsTest {

    private static Path runtime(Path dir) {
        return Scripts.runtime(dir, "bootstrap", """
                put runtime.started "$(now_ms)"
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  respond "ok:$REQUEST_ID" "text/plain"
                done
                """);
    }

    private static void extensions(Path ext, Path dir, int count) {
        for (int i = 1; i <= count; i++) {
            ExtScripts.recorder(ext, String.format("ext-%02d", i), dir, "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}");
        }
    }

    @Test
    void tenExtensionsAreFine(@TempDir Path dir) {
        Path ext = Ext.extDir(dir);
        extensions(ext, dir, 10);
        try (Daemon d = Ext.daemon(ext).command(runtime(dir).toString()).start()) {
            HttpResponse<String> r = d.invoke("ten");
            Ext.assertSuccess(r);
            String id = Ext.idSeenFor(d, dir.resolve("ids.log"), "ten");
            for (int i = 1; i <= 10; i++) {
                Recorded.awaitInvoke(d, dir, String.format("ext-%02d", i), id);
            }
        }
    }

    @Test
    void elevenExtensionsAreALaunchError(@TempDir Path dir) {
        Path ext = Ext.extDir(dir);
        extensions(ext, dir, 11);
        try (Daemon d = Ext.daemon(ext).command(runtime(dir).toString()).start()) {
            HttpResponse<String> r = d.invoke("eleven");
            Ext.assertUnhandled(r);
            assertEquals("Extension.LaunchError", Json.errorType(r.body()), () -> "body " + r.body());
            assertTrue(Json.errorMessage(r.body()).startsWith("RequestId: "), r::body);
            String report = d.awaitStdout(l -> l.startsWith("INIT_REPORT") && l.contains("Status: error"), WAIT);
            assertTrue(report.contains("Error Type: Extension.LaunchError"), () -> "INIT_REPORT line: " + report);
            assertFalse(Files.exists(dir.resolve("runtime.started")),
                    () -> "the runtime was started although init failed at launch\n" + d.describe());
        }
    }

    @Test
    void nonExecutableFileIsALaunchError(@TempDir Path dir) {
        Path ext = Ext.extDir(dir);
        ExtScripts.recorder(ext, "a-fine", dir, "{\"events\":[\"INVOKE\"]}");
        ExtScripts.file(ext, "b-not-executable", "#!/usr/bin/env bash\nexit 0\n", "rw-r--r--");
        try (Daemon d = Ext.daemon(ext).command(runtime(dir).toString()).start()) {
            HttpResponse<String> r = d.invoke("not-executable");
            Ext.assertUnhandled(r);
            assertEquals("Extension.LaunchError", Json.errorType(r.body()), () -> "body " + r.body());
            String msg = Json.errorMessage(r.body());
            assertTrue(msg.startsWith("RequestId: ") && msg.contains("permission denied"), () -> "errorMessage " + msg);
            assertFalse(Files.exists(dir.resolve("runtime.started")),
                    () -> "the runtime was started although init failed at launch\n" + d.describe());
        }
    }
}
