package io.rapidjava.tests.intake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.RawHttp;
import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every answer to an invoker carries Lambda's headers, an early answer drains what the client still sends, and a
 * client context reaches the runtime byte for byte.
 */
@Timeout(90)
class InvokerAnswersTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void everyAnswerNamesTheRequestAndOnlyAFunctionsAnswerTheVersion() throws Exception {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do respond_file "$EVENT_FILE"; done
                """);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().env("AWS_LAMBDA_FUNCTION_VERSION", "7")
                .command(bootstrap.toString()).start()) {
            HttpResponse<String> ran = d.invoke("{}");
            assertNamed(200, ran);
            assertEquals("7", ran.headers().firstValue("X-Amz-Executed-Version").orElse(""), () -> ran.headers().map()
                    .toString());
            assertNamed(202, d.invoke("{}", Map.of("X-Amz-Invocation-Type", "Event")));
            assertNamed(204, d.invoke("{}", Map.of("X-Amz-Invocation-Type", "DryRun")));
            assertNamed(400, d.invoke("{}", Map.of("X-Amz-Invocation-Type", "Sometimes")));
            assertNamed(400, d.invoke("{}", Map.of("X-Amz-Client-Context", "not base64!")));
            HttpResponse<String> tooLarge = Daemon.http().send(d.invokeRequest(
                    HttpRequest.BodyPublishers.ofByteArray(new byte[6_291_557]), Map.of()),
                    HttpResponse.BodyHandlers.ofString());
            assertNamed(413, tooLarge);
            assertEquals("RequestEntityTooLarge", tooLarge.headers().firstValue("X-Amzn-ErrorType").orElse(""));
        }
    }

    @Test
    void refusalDrainsTheBodySoTheClientSeesItAndKeepsItsConnection() throws Exception {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line events.log "$EVENT"
                  [ "$EVENT" = block ] && wait_for release
                  respond_file "$EVENT_FILE"
                done
                """);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().flag("--max-queued-invokes", "0")
                .command(bootstrap.toString()).start()) {
            // with no room to wait, an invoke during init would be refused too
            d.awaitStderr(l -> l.contains("INIT REPORT"), WAIT);
            CompletableFuture<HttpResponse<String>> running = Daemon.http().sendAsync(
                    d.invokeRequest(HttpRequest.BodyPublishers.ofString("block"), Map.of()),
                    HttpResponse.BodyHandlers.ofString());
            Await.lines(dir.resolve("events.log"), 1, WAIT, d::describe);
            try (RawHttp w = RawHttp.connect(d.invokePort())) {
                int size = 6_000_000;
                CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                    try {
                        w.send(post(size));
                        w.send(new byte[size]);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                RawHttp.Answer first = w.read(WAIT);
                sent.get();
                assertEquals(429, first.status(), first::toString);
                assertEquals("TooManyRequestsException", first.header("X-Amzn-ErrorType"), first::toString);
                assertTrue(first.header("X-Amzn-RequestId") != null, first::toString);
                // the same keep-alive connection answers the next request
                w.send(post(5) + "hello");
                assertEquals(429, w.read(WAIT).status());
            }
            Files.writeString(dir.resolve("release"), "");
            assertEquals(200, running.get().statusCode());
        }
    }

    @Test
    void clientContextBytesReachTheRuntimeUnchanged() throws Exception {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  header Lambda-Runtime-Client-Context > "$HERE/.ctx" && mv "$HERE/.ctx" "$HERE/ctx-$EVENT"
                  respond '{}'
                done
                """);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().command(bootstrap.toString()).start()) {
            String utf8 = "{\"name\":\"José €\"}";
            assertEquals(200, d.invoke("utf8", context(utf8)).statusCode());
            assertArrayEquals(utf8.getBytes(StandardCharsets.UTF_8), seen(d, "utf8"));

            // pretty-printed JSON: line breaks become spaces on the wire, as Go's net/http writes them
            String pretty = "{\n  \"custom\": {\"a\": \"b\"}\r\n}";
            assertEquals(200, d.invoke("pretty", context(pretty)).statusCode());
            assertArrayEquals("{   \"custom\": {\"a\": \"b\"}  }".getBytes(StandardCharsets.UTF_8), seen(d, "pretty"));

            HttpResponse<String> control = d.invoke("control", context("{\"a\":\"\u0001\"}"));
            assertEquals(400, control.statusCode(), control::body);
            assertTrue(control.body().contains("InvalidRequestContentException"), control::body);
            assertEquals(200, d.invoke("after", context("{}")).statusCode());
        }
    }

    private byte[] seen(Daemon d, String event) {
        Path file = dir.resolve("ctx-" + event);
        Await.until(() -> Files.exists(file), WAIT, () -> "runtime never saw " + event + "\n" + d.describe());
        byte[] bytes = Await.readBytes(file);
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r')) {
            end--;
        }
        return java.util.Arrays.copyOf(bytes, end);
    }

    private static Map<String, String> context(String json) {
        return Map.of("X-Amz-Client-Context",
                Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Every answer has its request id; the executed version only the answers of a function that ran (the Invoke
     * reference returns it for RequestResponse), not a 202, a 204 or a refusal.
     */
    private static void assertNamed(int status, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r::body);
        assertTrue(r.headers().firstValue("X-Amzn-RequestId").isPresent(), () -> status + ": " + r.headers().map());
        if (status != 200) {
            assertTrue(r.headers().firstValue("X-Amz-Executed-Version").isEmpty(), () -> r.headers().map().toString());
        }
    }

    private static String post(int length) {
        return "POST " + Daemon.INVOKE_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + length + "\r\n\r\n";
    }
}
