package io.rapidjava.rapid.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.interop.Payload;
import io.rapidjava.interop.PayloadError;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The two Flow adapters between an embedding host and the core: demand and back-pressure both ways, one subscriber. */
class FlowStreamsTest {

    static Vertx vertx;
    static Context context;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Runs on the context and waits for the result. */
    static <T> T on(Supplier<T> step) throws Exception {
        CompletableFuture<T> r = new CompletableFuture<>();
        context.runOnContext(v -> r.complete(step.get()));
        return r.get(10, TimeUnit.SECONDS);
    }

    @Test
    void anAnswerIsHeldBackUntilTheHostAsks() throws Exception {
        AnswerStream answer = on(() -> new AnswerStream(context, -1));
        on(() -> {
            answer.setWriteQueueMaxSize(8);
            answer.write(Buffer.buffer("0123456789"));
            return null;
        });
        assertTrue(on(answer::writeQueueFull), "nobody asked: the core is told to hold back");
        CompletableFuture<Void> drained = new CompletableFuture<>();
        on(() -> answer.drainHandler(v -> drained.complete(null)));
        Recorder host = new Recorder();
        answer.subscribe(host);
        host.subscription.get(10, TimeUnit.SECONDS).request(1);
        drained.get(10, TimeUnit.SECONDS);
        assertFalse(on(answer::writeQueueFull));
        on(answer::end);
        host.done.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("0123456789"), host.chunks);
    }

    @Test
    void aFailedAnswerEndsWithItsErrorAfterWhatCameBefore() throws Exception {
        AnswerStream answer = on(() -> new AnswerStream(context, -1));
        Recorder host = new Recorder();
        answer.subscribe(host);
        host.subscription.get(10, TimeUnit.SECONDS).request(Long.MAX_VALUE);
        on(() -> {
            answer.write(Buffer.buffer("part"));
            answer.fail(new PayloadError("Runtime.ExitError", "{}".getBytes(StandardCharsets.UTF_8)));
            return null;
        });
        Throwable e = host.done.handle((v, t) -> t).get(10, TimeUnit.SECONDS);
        assertEquals("Runtime.ExitError", assertInstanceOf(PayloadError.class, e).errorType());
        assertEquals(List.of("part"), host.chunks);
    }

    @Test
    void anAnswerHasOneSubscriber() throws Exception {
        AnswerStream answer = on(() -> new AnswerStream(context, 3));
        answer.subscribe(new Recorder());
        Recorder second = new Recorder();
        answer.subscribe(second);
        assertInstanceOf(IllegalStateException.class, second.done.handle((v, t) -> t).get(10, TimeUnit.SECONDS));
    }

    @Test
    void anEventIsAskedForOnlyAsTheCoreReads() throws Exception {
        AtomicLong asked = new AtomicLong();
        CompletableFuture<Flow.Subscriber<? super ByteBuffer>> subscriber = new CompletableFuture<>();
        Payload payload = new Payload() {
            @Override
            public long length() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
                s.onSubscribe(new Flow.Subscription() {
                    @Override
                    public void request(long n) {
                        asked.addAndGet(n);
                    }

                    @Override
                    public void cancel() {
                        asked.set(-1_000_000);
                    }
                });
                subscriber.complete(s);
            }
        };
        PayloadStream event = on(() -> new PayloadStream(context, payload));
        List<String> read = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> ended = new CompletableFuture<>();
        on(() -> event.handler(b -> read.add(b.toString())).endHandler(v -> ended.complete(null)));
        Flow.Subscriber<? super ByteBuffer> host = subscriber.get(10, TimeUnit.SECONDS);
        on(() -> null);
        assertEquals(0, asked.get(), "paused: nothing asked for");
        on(() -> event.fetch(1));
        assertEquals(1, asked.get());
        host.onNext(ByteBuffer.wrap("a".getBytes(StandardCharsets.UTF_8)));
        on(() -> null);
        assertEquals(List.of("a"), read);
        assertEquals(1, asked.get(), "one read, one asked for");
        on(() -> event.resume());
        assertEquals(2, asked.get(), "one at a time, however much the core wants");
        host.onNext(ByteBuffer.wrap("b".getBytes(StandardCharsets.UTF_8)));
        host.onComplete();
        ended.get(10, TimeUnit.SECONDS);
        assertEquals(List.of("a", "b"), read);
    }

    /** A host's subscriber: what it got, and how the stream ended. */
    private static final class Recorder implements Flow.Subscriber<ByteBuffer> {
        final CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        final List<String> chunks = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription.complete(s);
        }

        @Override
        public void onNext(ByteBuffer item) {
            chunks.add(StandardCharsets.UTF_8.decode(item).toString());
        }

        @Override
        public void onError(Throwable e) {
            done.completeExceptionally(e);
        }

        @Override
        public void onComplete() {
            done.complete(null);
        }
    }
}
