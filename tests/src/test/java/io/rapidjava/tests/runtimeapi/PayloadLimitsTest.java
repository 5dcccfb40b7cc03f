package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertStatus;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
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
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract items 8 and 9: the 6291556-byte limit on the runtime's response and on the invoke request.
 */
@Timeout(90)
class PayloadLimitsTest {

    static final int LIMIT = 6291556;

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        // "over TAG" → respond with LIMIT+1 bytes; "exact TAG" → LIMIT bytes (answers saved as TAG.*);
        // anything else → "len:<event bytes>:nona:<bytes that are not 'a'>"
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                head -c 6291557 /dev/zero | tr '\\0' a > "$HERE/over.bin"
                head -c 6291556 /dev/zero | tr '\\0' a > "$HERE/exact.bin"
                while next; do
                  log_line ids.log "$REQUEST_ID $(head -c 48 "$EVENT_FILE")"
                  case "$(head -c 6 "$EVENT_FILE")" in
                    "over "*) respond_file "$HERE/over.bin" "text/plain"; save_last "${EVENT#* }" ;;
                    "exact "*) respond_file "$HERE/exact.bin" "text/plain"; save_last "${EVENT#* }" ;;
                    *) respond "len:$(stat -c %s "$EVENT_FILE"):nona:$(tr -d a < "$EVENT_FILE" | wc -c)" "text/plain" ;;
                  esac
                done
                """);
        daemon = Rt.daemon().command(bootstrap.toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static byte[] as(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'a');
        return b;
    }

    private static List<String> loggedIds() {
        Path log = dir.resolve("ids.log");
        return Files.exists(log) ? Await.read(log).lines().toList() : List.of();
    }

    @Test
    void oversizedResponseIs413ForTheRuntimeAndResponseSizeTooLargeForTheInvoker() {
        String tag = "t" + UUID.randomUUID();
        HttpResponse<String> r = daemon.invoke("over " + tag);
        assertUnhandled(r);
        Json.assertErrorBody(r.body(), "Function.ResponseSizeTooLarge",
                "Response payload size (6291557 bytes) exceeded maximum allowed payload size (6291556 bytes).");
        assertEquals("413", Await.file(dir.resolve(tag + ".status"), WAIT, daemon::describe), "runtime's status");
        assertEquals("{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\","
                        + "\"errorType\":\"RequestEntityTooLarge\"}\n",
                Await.read(dir.resolve(tag + ".body")), "runtime's body");
        Rt.assertSavedJsonContentType(dir, tag);
    }

    @Test
    void responseOfExactlyTheLimitIsDeliveredIntact() {
        String tag = "t" + UUID.randomUUID();
        HttpResponse<byte[]> r = daemon.invokeBytes(("exact " + tag).getBytes(StandardCharsets.UTF_8), Map.of());
        assertSuccess(r);
        assertEquals(LIMIT, r.body().length);
        assertTrue(Arrays.equals(as(LIMIT), r.body()), "all bytes intact");
        assertEquals("202", Await.file(dir.resolve(tag + ".status"), WAIT, daemon::describe), "runtime's status");
        assertEquals(Json.STATUS_OK, Await.read(dir.resolve(tag + ".body")), "runtime's body");
    }

    @Test
    void oversizedRequestIs413AndNeverReachesTheRuntime() {
        int before = loggedIds().size();
        // a client that sends the whole body before reading the answer (java.net.http does) must get the 413
        // too: the daemon has to drain the rest of the body or close the connection
        HttpRequest req = HttpRequest.newBuilder(daemon.invokeUri()).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(as(LIMIT + 1))).build();
        HttpResponse<byte[]> r;
        try {
            r = Daemon.http().send(req, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new AssertionError("no answer to an oversized invoke request: " + e + "\n" + daemon.describe(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertStatus(413, r);
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals("RequestEntityTooLarge", Json.errorType(body), () -> "body " + body);
        Json.errorMessage(body);

        String small = "small-" + UUID.randomUUID();
        HttpResponse<String> ok = daemon.invoke(small);
        assertSuccess(ok);
        assertEquals("len:" + small.length() + ":nona:" + small.replace("a", "").length(), ok.body());
        List<String> ids = Rt.loggedLines(daemon, dir.resolve("ids.log"), before + 1);
        assertEquals(before + 1, ids.size(), () -> "the runtime saw only the small invoke: " + ids);
        assertTrue(ids.getLast().endsWith(" " + small), () -> "last event " + ids.getLast());
    }

    @Test
    void requestOfExactlyTheLimitArrivesIntact() {
        HttpResponse<byte[]> r = daemon.invokeBytes(as(LIMIT), Map.of("Content-Type", "application/json"));
        assertSuccess(r);
        assertEquals("len:6291556:nona:0", new String(r.body(), StandardCharsets.UTF_8));
    }
}
