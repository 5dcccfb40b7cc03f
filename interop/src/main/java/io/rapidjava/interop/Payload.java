package io.rapidjava.interop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An event or an answer as a stream of byte buffers with back-pressure, so that a 6 MB event or a 20 MB streamed
 * answer flows without being gathered. One subscriber only. A streamed answer that fails after it started ends
 * with {@link PayloadError}.
 */
public interface Payload extends Flow.Publisher<ByteBuffer> {

    /** The length in bytes when known in advance, else -1. */
    long length();

    static Payload empty() {
        return of(new byte[0]);
    }

    static Payload of(String text) {
        return of(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The bytes as one buffer (not copied: the caller must not change them). */
    static Payload of(byte[] bytes) {
        return new Payload() {
            private final AtomicBoolean taken = new AtomicBoolean();

            @Override
            public long length() {
                return bytes.length;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
                if (!taken.compareAndSet(false, true)) {
                    s.onSubscribe(new Flow.Subscription() {
                        public void request(long n) { }

                        public void cancel() { }
                    });
                    s.onError(new IllegalStateException("a payload has one subscriber"));
                    return;
                }
                s.onSubscribe(new Flow.Subscription() {
                    private boolean done;

                    @Override
                    public void request(long n) {
                        if (done) {
                            return;
                        }
                        done = true;
                        if (n <= 0) {
                            s.onError(new IllegalArgumentException("request(" + n + ")"));
                            return;
                        }
                        if (bytes.length > 0) {
                            s.onNext(ByteBuffer.wrap(bytes).asReadOnlyBuffer());
                        }
                        s.onComplete();
                    }

                    @Override
                    public void cancel() {
                        done = true;
                    }
                });
            }
        };
    }

    /** Reads the whole payload (for tests and small answers); fails as the stream does. */
    default CompletionStage<byte[]> bytes() {
        CompletableFuture<byte[]> all = new CompletableFuture<>();
        subscribe(new Flow.Subscriber<>() {
            private final ByteArrayOutputStream out = new ByteArrayOutputStream();

            @Override
            public void onSubscribe(Flow.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer b) {
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable e) {
                all.completeExceptionally(e);
            }

            @Override
            public void onComplete() {
                all.complete(out.toByteArray());
            }
        });
        return all;
    }

    /** The whole payload as UTF-8 text. */
    default CompletionStage<String> text() {
        return bytes().thenApply(b -> new String(b, StandardCharsets.UTF_8));
    }
}
