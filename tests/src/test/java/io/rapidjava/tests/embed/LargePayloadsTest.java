package io.rapidjava.tests.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.interop.InvokeRequest;
import io.rapidjava.interop.InvokeResult;
import io.rapidjava.interop.Payload;
import io.rapidjava.rapid.junit.RapidSandbox;
import io.rapidjava.rapid.junit.SandboxUnderTest;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Payloads cross the embedding contract as streams: a 6 MB event published in 64 KiB pieces (the publisher held back
 * while the sandbox asks for nothing) arrives whole, a payload that breaks its own length is refused as a malformed
 * event, and a 20 MB streamed answer read one chunk at a time arrives whole.
 */
@Timeout(120)
@RapidSandbox(bootstrap = "src/test/resources/embed/large/bootstrap")
class LargePayloadsTest {

    @Test
    void aSixMegabyteEventPublishedInPiecesIsEchoedWhole(SandboxUnderTest sandbox) throws Exception {
        byte[] event = new byte[6 * 1024 * 1024];
        new Random(11).nextBytes(event);
        event[0] = 'e';
        InvokeResult result;
        try (SubmissionPublisher<ByteBuffer> host = new SubmissionPublisher<>()) {
            Payload payload = new Payload() {
                @Override
                public long length() {
                    return event.length;
                }

                @Override
                public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
                    host.subscribe(s);
                }
            };
            CompletableFuture<InvokeResult> answer = sandbox.invokeAsync(InvokeRequest.of(payload))
                    .toCompletableFuture();
            // a SubmissionPublisher drops what it is given before its subscriber is there
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (host.getNumberOfSubscribers() == 0) {
                assertTrue(System.nanoTime() < until, "the sandbox never subscribed to the event");
                Thread.onSpinWait();
            }
            for (int at = 0; at < event.length; at += 64 * 1024) {
                // blocks while the sandbox asks for nothing more: back-pressure reaches the host
                host.submit(ByteBuffer.wrap(event, at, Math.min(64 * 1024, event.length - at)));
            }
            host.close();
            result = answer.get(60, TimeUnit.SECONDS);
        }
        assertEquals(InvokeResult.Outcome.SUCCESS, result.outcome());
        assertArrayEquals(event, result.payload().bytes().toCompletableFuture().get(60, TimeUnit.SECONDS));
    }

    @Test
    void anEventShorterThanItsLengthIsRefusedAndTheSandboxGoesOn(SandboxUnderTest sandbox) throws Exception {
        Payload shortOne = new Payload() {
            @Override
            public long length() {
                return 100;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
                Payload.of("{}").subscribe(s);
            }
        };
        InvokeResult refused = sandbox.invokeAsync(InvokeRequest.of(shortOne)).toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        assertEquals(InvokeResult.Outcome.REFUSED, refused.outcome());
        assertEquals(400, refused.status());
        assertEquals("InvalidRequestContentException", refused.errorType());
        assertEquals("{\"a\":1}", sandbox.text(sandbox.invoke("{\"a\":1}")));
    }

    @Test
    void aTwentyMegabyteStreamedAnswerReadSlowlyArrivesWhole(SandboxUnderTest sandbox) throws Exception {
        long size = 20_000_000;
        InvokeResult result = sandbox.invokeAsync(InvokeRequest.of("{\"stream\":" + size + "}"))
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertEquals(-1, result.payload().length(), "streamed: of unknown length");
        CompletableFuture<long[]> counted = new CompletableFuture<>();
        result.payload().subscribe(new Flow.Subscriber<>() {
            private final long[] seen = new long[2];
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription = s;
                s.request(1);
            }

            @Override
            public void onNext(ByteBuffer item) {
                seen[0] += item.remaining();
                while (item.hasRemaining()) {
                    if (item.get() != 'x') {
                        seen[1]++;
                    }
                }
                subscription.request(1);
            }

            @Override
            public void onError(Throwable e) {
                counted.completeExceptionally(e);
            }

            @Override
            public void onComplete() {
                counted.complete(seen);
            }
        });
        long[] seen = counted.get(60, TimeUnit.SECONDS);
        assertEquals(size, seen[0]);
        assertEquals(0, seen[1], "every byte is the runtime's");
    }
}
