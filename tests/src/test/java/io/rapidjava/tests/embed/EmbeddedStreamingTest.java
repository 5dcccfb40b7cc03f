package io.rapidjava.tests.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.interop.InvokeRequest;
import io.rapidjava.interop.InvokeResult;
import io.rapidjava.interop.PayloadError;
import io.rapidjava.rapid.junit.RapidSandbox;
import io.rapidjava.rapid.junit.SandboxUnderTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A streamed answer reaches an embedding host as a stream: its first chunk while the runtime still sends (the
 * runtime waits for a gate the test opens only once it has that chunk), and a runtime that dies mid-answer ends the
 * stream with the platform's error rather than with a complete-looking answer.
 */
@Timeout(120)
@RapidSandbox(bootstrap = "src/test/resources/embed/streaming/bootstrap")
class EmbeddedStreamingTest {

    @TempDir
    Path dir;

    @Test
    void chunksArriveBeforeTheEnd(SandboxUnderTest sandbox) throws Exception {
        Path gate = dir.resolve("gate");
        InvokeResult result = sandbox.invokeAsync(InvokeRequest.of("{\"gate\":\"" + gate + "\"}"))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertEquals(InvokeResult.Outcome.SUCCESS, result.outcome());
        assertEquals("text/plain", result.contentType());
        Chunks chunks = Chunks.of(result);
        chunks.awaitText("first\n");
        Files.createFile(gate);
        chunks.awaitText("first\nsecond\n");
        chunks.end.get(30, TimeUnit.SECONDS);
    }

    @Test
    void aRuntimeDyingMidAnswerEndsTheStreamWithItsError(SandboxUnderTest sandbox) throws Exception {
        Path gate = dir.resolve("gate");
        InvokeResult result = sandbox.invokeAsync(InvokeRequest.of("{\"gate\":\"" + gate + "\",\"ending\":\"die\"}"))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        Chunks chunks = Chunks.of(result);
        chunks.awaitText("first\n");
        Files.createFile(gate);
        Throwable end = chunks.end.handle((v, e) -> e).get(30, TimeUnit.SECONDS);
        PayloadError error = assertInstanceOf(PayloadError.class, end);
        assertEquals("Runtime.ExitError", error.errorType());
        assertTrue(new String(error.body(), StandardCharsets.UTF_8).contains("Runtime.ExitError"));
    }

    /** A subscriber that asks for one chunk at a time, as a slow host would. */
    private static final class Chunks implements Flow.Subscriber<ByteBuffer> {
        final LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> end = new CompletableFuture<>();
        private final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        static Chunks of(InvokeResult result) {
            Chunks c = new Chunks();
            result.payload().subscribe(c);
            return c;
        }

        /** Asks for one chunk at a time until the text so far is {@code expected} (or fails after 30 s). */
        void awaitText(String expected) throws Exception {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (text.length() < expected.length()) {
                subscription.get(30, TimeUnit.SECONDS).request(1);
                String chunk = received.poll(Math.max(1, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (chunk == null) {
                    throw new AssertionError("got \"" + text + "\", waiting for \"" + expected + "\"");
                }
                text.append(chunk);
            }
            assertEquals(expected, text.toString());
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
        }

        @Override
        public void onNext(ByteBuffer item) {
            byte[] b = new byte[item.remaining()];
            item.get(b);
            received.add(new String(b, StandardCharsets.UTF_8));
        }

        @Override
        public void onError(Throwable e) {
            end.completeExceptionally(e);
        }

        @Override
        public void onComplete() {
            end.complete(null);
        }
    }
}
