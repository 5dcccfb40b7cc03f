package io.rapidjava.tests.extensions;

import static io.rapidjava.tests.extensions.Ext.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Brief item 3: an extension that dies during init fails init with {@code Extension.Crash}; the invoke waiting on
 * (or retrying) init gets 200 + {@code X-Amz-Function-Error: Unhandled} +
 * {@code {"errorType":"Extension.Crash","errorMessage":"RequestId: <id> Error: Extension <name> exited: <how>"}}.
 */
@Timeout(90)
class ExtensionCrashAtInitTest {

    static final String NAME = "crasher";

    private static Daemon start(Path dir, String extensionBody) {
        Path ext = Ext.extDir(dir);
        ExtScripts.extension(ext, NAME, dir, "log_line launches.log \"$$\"\n" + extensionBody);
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                put runtime.started "$(now_ms)"
                while next; do
                  respond '"ok"'
                done
                """);
        return Ext.daemon(ext).command(bootstrap.toString()).start();
    }

    static Stream<Arguments> crashes() {
        return Stream.of(
                Arguments.of("exit 1 before registering", "exit 1", "exit status 1"),
                Arguments.of("exit 1 after registering",
                        "ext_register \"$EXT_NAME\" '{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}'\nexit 1",
                        "exit status 1"),
                Arguments.of("SIGKILL after registering", "ext_register \"$EXT_NAME\" '{}'\nkill -9 $$",
                        "signal: killed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crashes")
    void crashDuringInitIsExtensionCrash(String label, String body, String how, @TempDir Path dir) {
        try (Daemon d = start(dir, body + "\n")) {
            for (int attempt = 0; attempt < 2; attempt++) {
                HttpResponse<String> r = d.invoke("{\"attempt\":" + attempt + "}");
                Ext.assertInvokeError(r, "Extension.Crash", "Extension " + NAME + " exited: " + how);
                String id = Ext.header(r, "X-Amzn-RequestId").orElse(null);
                if (id != null) {
                    assertEquals("RequestId: " + id + " Error: Extension " + NAME + " exited: " + how,
                            Json.errorMessage(r.body()), "the message names the invoke's request id");
                }
            }
            if (label.contains("before registering")) {
                assertFalse(Files.exists(dir.resolve("runtime.started")),
                        () -> "the runtime was started although the extension never registered\n" + d.describe());
            }
            // the failed inits are reported; the extension was launched again for the retry
            String report = d.awaitStdout(l -> l.startsWith("INIT_REPORT") && l.contains("Status: error"), WAIT);
            assertTrue(report.contains("Error Type: Extension.Crash"), () -> "INIT_REPORT line: " + report);
            assertTrue(Await.lines(dir.resolve("launches.log"), 2, WAIT, d::describe).size() >= 2,
                    "the invoke re-initialises: the extension is launched again");
        }
    }

    @Test
    void cleanExitDuringInitIsAlsoACrash(@TempDir Path dir) {
        try (Daemon d = start(dir, "ext_register \"$EXT_NAME\" '{}'\nexit 0\n")) {
            HttpResponse<String> r = d.invoke("{}");
            Ext.assertUnhandled(r);
            assertEquals("Extension.Crash", Json.errorType(r.body()), r::body);
            String msg = Json.errorMessage(r.body());
            assertTrue(msg.startsWith("RequestId: ") && msg.contains(" Error: Extension " + NAME + " exited"),
                    () -> "errorMessage " + msg);
        }
    }
}
