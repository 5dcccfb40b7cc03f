package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertStatus;
import static io.rapidjava.tests.runtimeapi.Rt.assertUnhandled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract item 6: the runtime reports {@code POST /runtime/init/error} (answered 202 {"status":"OK"}) and then
 * sleeps or exits; the invoker gets 200 + {@code X-Amz-Function-Error: Unhandled} + that body verbatim.
 *
 * <p>The daemon may end the runtime as soon as it has reported the init error, so a bash runtime cannot reliably
 * record the answer it got: the 202 is checked in a test that plays the runtime itself.
 */
@Timeout(60)
class InitErrorTest {

    static final String BODY = "{\"errorMessage\":\"cannot init\",\"errorType\":\"Runtime.MyInitError\"}";

    private static void assertInitErrorDelivered(Daemon d) {
        long t0 = System.nanoTime();
        HttpResponse<String> r = d.invoke("{\"x\":1}");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertUnhandled(r);
        assertEquals(BODY, r.body());
        // reported at once, not when the 10 s init phase limit expires
        assertTrue(ms < 9000, () -> "invoke took " + ms + " ms");
    }

    private static void bashRuntime(Path dir, String after) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                init_error Runtime.MyInitError '@BODY@'
                """.replace("@BODY@", BODY) + after);
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            assertInitErrorDelivered(d);
        }
    }

    @Test
    void initErrorThenSleep(@TempDir Path dir) {
        bashRuntime(dir, "sleep 30\n");
    }

    @Test
    void initErrorThenExit(@TempDir Path dir) {
        bashRuntime(dir, "exit 1\n");
    }

    @Test
    void initErrorIsAcknowledgedWith202(@TempDir Path dir) throws IOException, InterruptedException {
        // first launch: announce itself, let the test post the init error, exit 1 when told to; any re-launch
        // (a re-init inside the invoke) reports the same init error itself and exits
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                if [ -e "$HERE/started" ]; then
                  init_error Runtime.MyInitError '@BODY@'
                  exit 1
                fi
                : > "$HERE/started"
                wait_for exit-now
                exit 1
                """.replace("@BODY@", BODY));
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            // the runtime is launched at start-up or by the first invoke
            var pending = Daemon.http().sendAsync(
                    d.invokeRequest(HttpRequest.BodyPublishers.ofString("{}"), java.util.Map.of()),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Await.file(dir.resolve("started"), WAIT, d::describe);
            HttpResponse<String> ack = Daemon.http().send(
                    HttpRequest.newBuilder(d.runtimeApiUri("/2018-06-01/runtime/init/error"))
                            .timeout(WAIT)
                            .header("Lambda-Runtime-Function-Error-Type", "Runtime.MyInitError")
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(BODY)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertStatus(202, ack);
            assertEquals(Json.STATUS_OK, ack.body());
            assertTrue(ack.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
                    () -> "Content-Type " + ack.headers().map());
            Files.createFile(dir.resolve("exit-now"));
            HttpResponse<String> r;
            try {
                r = pending.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("invoke did not complete: " + e + "\n" + d.describe(), e);
            }
            assertUnhandled(r);
            assertEquals(BODY, r.body());
        }
    }
}
