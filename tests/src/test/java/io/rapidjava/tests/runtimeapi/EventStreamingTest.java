package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An event with a known length goes to a runtime that is already waiting while the invoker still sends it:
 * the runtime sees it arrive, a slow runtime holds the invoker back, and a runtime that dies or asks again
 * half-way still leaves every party with a whole answer.
 */
@Timeout(90)
class EventStreamingTest {

    /**
     * {@code raw_next TAG}: asks for the next event on a raw connection (fd 3), then writes {@code asked-TAG};
     * reads the answer's headers into LEN and REQUEST_ID, leaving the event itself to be read from fd 3.
     */
    private static final String RAW_NEXT = """
            host="${AWS_LAMBDA_RUNTIME_API%:*}"
            port="${AWS_LAMBDA_RUNTIME_API##*:}"
            raw_next() {
              exec 3<>"/dev/tcp/$host/$port"
              printf 'GET /2018-06-01/runtime/invocation/next HTTP/1.1\\r\\nHost: %s\\r\\n\\r\\n' "$host" >&3
              put "asked-$1" ""
              LEN=0
              REQUEST_ID=""
              while IFS= read -r line <&3; do
                line="${line%$'\\r'}"
                [ -z "$line" ] && break
                case "${line,,}" in
                  content-length:*) LEN="${line#*: }" ;;
                  lambda-runtime-aws-request-id:*) REQUEST_ID="${line#*: }" ;;
                esac
              done
            }
            """;

    @TempDir
    Path dir;

    @Test
    void aWaitingRuntimeReadsTheEventWhileTheInvokerStillSendsItAndHoldsItBack() throws Exception {
        // reads the first 64 KiB as it comes, then stalls until the test says go, then echoes the event
        Path bootstrap = Scripts.runtime(dir, "bootstrap", RAW_NEXT + """
                raw_next 1
                head -c 65536 <&3 > "$HERE/event"
                put first-part ""
                wait_for go
                head -c "$((LEN - 65536))" <&3 >> "$HERE/event"
                exec 3<&-
                respond_file "$HERE/event" "application/octet-stream"
                wait_for never
                """);
        byte[] event = pattern(4 * 1024 * 1024);
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            Await.file(dir.resolve("asked-1"), WAIT, d::describe);
            try (Socket invoker = new Socket("127.0.0.1", d.invokePort())) {
                OutputStream out = invoker.getOutputStream();
                out.write(head(event.length));
                out.write(event, 0, 65536);
                out.flush();
                // the runtime has the first part while the invoker has not sent the rest
                Await.file(dir.resolve("first-part"), WAIT, d::describe);
                CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> write(out, event, 65536));
                Files.writeString(dir.resolve("go"), "");
                rest.join();
                Answer a = Answer.read(invoker.getInputStream());
                assertEquals(200, a.status, a::toString);
                assertEquals(event.length, a.body.length, "answer length");
                assertArrayEquals(event, a.body, "the event made it through whole and in order");
            }
            assertArrayEquals(event, Files.readAllBytes(dir.resolve("event")));
        }
    }

    @Test
    void aRuntimeThatDiesHalfWayThroughTheEventFailsTheInvokeAndTheInvokerGetsItsAnswer() throws Exception {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", RAW_NEXT + """
                raw_next 1
                head -c 1000 <&3 > /dev/null
                put got-part ""
                exit 3
                """);
        byte[] event = pattern(1024 * 1024);
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            Await.file(dir.resolve("asked-1"), WAIT, d::describe);
            try (Socket invoker = new Socket("127.0.0.1", d.invokePort())) {
                OutputStream out = invoker.getOutputStream();
                out.write(head(event.length));
                out.write(event, 0, 4096);
                out.flush();
                Await.file(dir.resolve("got-part"), WAIT, d::describe);
                d.awaitStderr(l -> l.contains("exited"), WAIT);
                // the rest is read and dropped, so an invoker that sends all before it reads gets its answer
                out.write(event, 4096, event.length - 4096);
                out.flush();
                Answer a = Answer.read(invoker.getInputStream());
                assertEquals(200, a.status, a::toString);
                assertEquals("Unhandled", a.header("X-Amz-Function-Error"), a::toString);
                assertEquals("Runtime.ExitError", Json.errorType(new String(a.body, StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void aRuntimeThatAsksAgainWhileTheEventArrivesGetsItWhole() throws Exception {
        // reads part of the event, asks for it again on a second connection (curl), then reads both in full
        Path bootstrap = Scripts.runtime(dir, "bootstrap", RAW_NEXT + """
                raw_next 1
                head -c 1000 <&3 > "$HERE/first"
                put got-part ""
                next
                head -c "$((LEN - 1000))" <&3 >> "$HERE/first"
                exec 3<&-
                put_file second "$EVENT_FILE"
                respond_file "$EVENT_FILE" "application/octet-stream"
                wait_for never
                """);
        // small enough to sit in the socket buffers while the runtime reads its second copy first
        byte[] event = pattern(64 * 1024);
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            Await.file(dir.resolve("asked-1"), WAIT, d::describe);
            try (Socket invoker = new Socket("127.0.0.1", d.invokePort())) {
                OutputStream out = invoker.getOutputStream();
                out.write(head(event.length));
                out.write(event, 0, 4096);
                out.flush();
                Await.file(dir.resolve("got-part"), WAIT, d::describe);
                out.write(event, 4096, event.length - 4096);
                out.flush();
                Answer a = Answer.read(invoker.getInputStream());
                assertEquals(200, a.status, a::toString);
                assertArrayEquals(event, a.body);
            }
            Await.file(dir.resolve("second"), WAIT, d::describe);
            assertArrayEquals(event, Files.readAllBytes(dir.resolve("first")), "the streamed copy");
            assertArrayEquals(event, Files.readAllBytes(dir.resolve("second")), "the copy asked for again");
        }
    }

    private static byte[] head(int length) {
        return ("POST " + Daemon.INVOKE_PATH + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/octet-stream\r\n"
                + "Content-Length: " + length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Bytes that differ from their neighbours, so a lost, doubled or reordered piece shows. */
    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) ('a' + (i * 7 + i / 4093) % 26);
        }
        return b;
    }

    private static void write(OutputStream out, byte[] bytes, int from) {
        try {
            out.write(bytes, from, bytes.length - from);
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** One HTTP/1.1 answer with a Content-Length, read from a raw socket. */
    private record Answer(int status, String headers, byte[] body) {

        static Answer read(InputStream in) throws IOException {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0) {
                head.write(b);
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    break;
                }
            }
            String headers = head.toString(StandardCharsets.US_ASCII);
            assertTrue(headers.startsWith("HTTP/1.1 "), () -> "an answer: " + headers);
            int status = Integer.parseInt(headers.substring(9, 12));
            Answer partial = new Answer(status, headers, new byte[0]);
            int length = Integer.parseInt(partial.header("Content-Length"));
            return new Answer(status, headers, in.readNBytes(length));
        }

        String header(String name) {
            String lower = name.toLowerCase(Locale.ROOT) + ":";
            return headers.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith(lower))
                    .map(l -> l.substring(lower.length()).trim()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return headers + "<" + body.length + " bytes>";
        }
    }
}
