package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertStatus;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract item 13: a runtime answering with {@code Lambda-Runtime-Function-Response-Mode: streaming} and a chunked
 * body: the invoker sees the first chunk before the runtime has produced the second.
 *
 * <p>curl streams a request body from stdin only with {@code -T -} (with {@code --data-binary @-} it reads all of
 * stdin before sending), so the runtime uses {@code -X POST -T -}. The trailer error path
 * ({@code Lambda-Runtime-Function-Error-Type}/{@code -Body} trailers) is not covered: the curl CLI cannot send
 * trailers.
 */
@Timeout(60)
class StreamingTest {

    @Test
    void firstChunkReachesTheInvokerBeforeTheSecondIsWritten(@TempDir Path dir) throws Exception {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  if [ "$EVENT" = stream ]; then
                    status="$( { printf 'chunk-1|'; wait_for go; printf 'chunk-2|end'; } | \\
                      curl -sS -o "$_RT/stream-answer" -w '%{http_code}' -X POST -T - \\
                        -H 'Transfer-Encoding: chunked' -H 'Lambda-Runtime-Function-Response-Mode: streaming' \\
                        -H 'Content-Type: text/plain' -H 'Expect:' \\
                        "$API/runtime/invocation/$REQUEST_ID/response" )"
                    put stream.status "$status"
                  else
                    respond "plain:$EVENT" "text/plain"
                  fi
                done
                """);
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            HttpRequest req = d.invokeRequest(HttpRequest.BodyPublishers.ofString("stream"), Map.of());
            CompletableFuture<HttpResponse<InputStream>> f =
                    Daemon.http().sendAsync(req, HttpResponse.BodyHandlers.ofInputStream());
            HttpResponse<InputStream> r;
            try {
                r = f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new AssertionError("no response headers while the runtime holds back its second chunk: "
                        + "the streamed response is buffered\n" + d.describe());
            }
            assertStatus(200, r);
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            InputStream in = r.body();
            try {
                CompletableFuture<Void> first = CompletableFuture.runAsync(() -> readUntil(in, seen, "chunk-1|"));
                try {
                    first.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("chunk 1 not received before chunk 2 was released; got <"
                            + seen.toString(StandardCharsets.UTF_8) + ">\n" + d.describe());
                }
                assertFalse(Files.exists(dir.resolve("go")));
                assertEquals("chunk-1|", seen.toString(StandardCharsets.UTF_8));

                Files.createFile(dir.resolve("go"));
                CompletableFuture<Void> rest = CompletableFuture.runAsync(() -> readAll(in, seen));
                try {
                    rest.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("stream not completed; got <" + seen.toString(StandardCharsets.UTF_8)
                            + ">\n" + d.describe());
                }
                assertEquals("chunk-1|chunk-2|end", seen.toString(StandardCharsets.UTF_8));
            } finally {
                in.close();
            }
            assertEquals("202", Await.file(dir.resolve("stream.status"), WAIT, d::describe), "runtime's status");

            HttpResponse<String> after = d.invoke("after");
            assertSuccess(after);
            assertEquals("plain:after", after.body());
        }
    }

    private static void readUntil(InputStream in, ByteArrayOutputStream sink, String wanted) {
        try {
            while (!sink.toString(StandardCharsets.UTF_8).contains(wanted)) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                synchronized (sink) {
                    sink.write(b);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void readAll(InputStream in, ByteArrayOutputStream sink) {
        try {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                synchronized (sink) {
                    sink.write(buf, 0, n);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
