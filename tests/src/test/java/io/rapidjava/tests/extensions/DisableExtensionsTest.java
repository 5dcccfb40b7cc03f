package io.rapidjava.tests.extensions;

import static io.rapidjava.tests.extensions.Ext.QUIET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Brief item 11: with {@code --disable-extensions} (or {@code RAPID_DISABLE_EXTENSIONS=true}) nothing in the
 * extensions dir is launched and every {@code /2020-01-01/extension/...} request gets 404 with an empty body. With no
 * extensions the runtime is SIGKILLed on shutdown without a SIGTERM first.
 */
@Timeout(90)
class DisableExtensionsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"flag", "env"})
    void nothingLaunchedAndTheApiIs404(String how, @TempDir Path dir) {
        Path ext = Ext.extDir(dir);
        ExtScripts.extension(ext, "would-run", dir, """
                put launched "$(now_ms)"
                ext_register "$EXT_NAME" '{"events":["INVOKE"]}' || exit 1
                """ + ExtScripts.RECORDING_LOOP);
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                trap 'put runtime.term "$(now_ms)"' TERM
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  respond "ok:$REQUEST_ID" "text/plain"
                done
                """);
        Daemon.Builder b = Ext.daemon(ext).command(bootstrap.toString());
        b = how.equals("flag") ? b.flag("--disable-extensions") : b.env("RAPID_DISABLE_EXTENSIONS", "true");
        try (Daemon d = b.start()) {
            for (int i = 0; i < 2; i++) {
                String event = "e" + i + "-" + UUID.randomUUID();
                HttpResponse<String> r = d.invoke(event);
                Ext.assertSuccess(r);
                assertEquals("ok:" + Ext.idSeenFor(d, dir.resolve("ids.log"), event), r.body());
            }
            for (String[] route : new String[][] {
                    {"POST", "register"}, {"GET", "event/next"}, {"POST", "init/error"}, {"POST", "exit/error"}}) {
                HttpResponse<String> r = Ext.extApi(d, route[0], route[1], Map.of(
                        "Lambda-Extension-Name", "would-run",
                        "Lambda-Extension-Identifier", UUID.randomUUID().toString(),
                        "Lambda-Extension-Function-Error-Type", "Extension.Test"),
                        route[0].equals("GET") ? null : "{\"events\":[\"INVOKE\"]}");
                Ext.assertStatus(404, r);
                assertEquals("", r.body(), () -> "empty body for " + route[0] + " " + route[1]);
            }
            Ext.throughout(QUIET, () -> assertFalse(Files.exists(dir.resolve("launched")),
                    () -> "the extension was launched although extensions are disabled\n" + d.describe()));

            List<Ext.Proc> sandbox = Ext.sandbox(d);
            d.signal("TERM");
            assertEquals(0, d.awaitExit(Duration.ofSeconds(15)), d::describe);
            Ext.assertAllGone(d, sandbox);
            assertFalse(Files.exists(dir.resolve("runtime.term")),
                    "with no extensions the runtime is SIGKILLed at once, without SIGTERM");
        }
    }
}
