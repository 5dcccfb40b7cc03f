package io.rapidjava.tests.streaming;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streaming runtime reports a late error in HTTP trailers. curl cannot send trailers, so the test plays
 * the runtime itself over a raw socket (the bootstrap only sleeps), and reads the invoker's answer raw too.
 */
@Timeout(60)
class StreamingTrailersTest {

    private static final String ERROR_BODY = "{\"errorMessage\":\"stream broke\",\"errorType\":\"Function.StreamBroke\"}";

    @TempDir
    Path dir;

    @Test
    void trailersAfterChunksBecomeTrailersOfTheInvokersAnswer() throws Exception {
        try (Daemon daemon = Daemon.builder().command(sleeper().toString()).start();
             Socket invoker = new Socket("127.0.0.1", daemon.invokePort())) {
            invoker.setSoTimeout(30_000);
            write(invoker, "POST " + Daemon.INVOKE_PATH + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
            String id = next(daemon);
            try (Socket runtime = new Socket("127.0.0.1", daemon.runtimeApiPort())) {
                runtime.setSoTimeout(30_000);
                write(runtime, streamingResponseHead(id) + "5\r\nhello\r\n");
                String head = readUntil(invoker.getInputStream(), "hello");
                assertTrue(head.startsWith("HTTP/1.1 200"), head);
                assertTrue(head.toLowerCase().contains("transfer-encoding: chunked"), head);
                write(runtime, "0\r\nLambda-Runtime-Function-Error-Type: Function.StreamBroke\r\n"
                        + "Lambda-Runtime-Function-Error-Body: " + b64(ERROR_BODY) + "\r\n\r\n");
                String rest = readUntil(invoker.getInputStream(), "\r\n\r\n");
                assertTrue(rest.contains("Lambda-Runtime-Function-Error-Type: Function.StreamBroke"), rest);
                assertTrue(rest.contains("Lambda-Runtime-Function-Error-Body: " + b64(ERROR_BODY)), rest);
                assertTrue(rest.contains("X-Amz-Function-Error: Unhandled"), rest);
                assertTrue(readUntil(runtime.getInputStream(), "{\"status\":\"OK\"}\n").startsWith("HTTP/1.1 202"));
            }
        }
    }

    @Test
    void trailersBeforeAnyChunkBecomeAnErrorAnswer() throws Exception {
        try (Daemon daemon = Daemon.builder().command(sleeper().toString()).start()) {
            CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(
                    HttpRequest.newBuilder(daemon.invokeUri()).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            String id = next(daemon);
            try (Socket runtime = new Socket("127.0.0.1", daemon.runtimeApiPort())) {
                write(runtime, streamingResponseHead(id) + "0\r\nLambda-Runtime-Function-Error-Type: Function.StreamBroke\r\n"
                        + "Lambda-Runtime-Function-Error-Body: " + b64(ERROR_BODY) + "\r\n\r\n");
                HttpResponse<String> response = answer.get(30, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode());
                assertEquals("Unhandled", response.headers().firstValue("X-Amz-Function-Error").orElse(""));
                assertEquals(ERROR_BODY, response.body());
            }
        }
    }

    private Path sleeper() {
        return Scripts.bash(dir, "bootstrap", "exec sleep 600\n");
    }

    /** Plays the runtime's first next: completes init and receives the queued invoke. */
    private static String next(Daemon daemon) throws Exception {
        HttpResponse<String> next = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(daemon.runtimeApiUri("/2018-06-01/runtime/invocation/next"))
                        .timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, next.statusCode());
        return next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
    }

    private static String streamingResponseHead(String id) {
        return "POST /2018-06-01/runtime/invocation/" + id + "/response HTTP/1.1\r\nHost: x\r\n"
                + "Lambda-Runtime-Function-Response-Mode: streaming\r\nTransfer-Encoding: chunked\r\n"
                + "Trailer: Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body\r\n"
                + "Content-Type: text/plain\r\n\r\n";
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Reads until the text seen so far contains {@code marker} (the socket's own timeout bounds it). */
    private static String readUntil(InputStream in, String marker) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        while (!seen.toString(StandardCharsets.UTF_8).contains(marker)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            seen.write(b);
        }
        return seen.toString(StandardCharsets.UTF_8);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

}
