package io.rapidjava.rapid.embed;

import io.rapidjava.interop.Payload;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A streamed answer on its way to a host: the core writes the runtime's chunks, the host's subscriber takes them as
 * it asks. Past a bound of queued bytes the core is told the queue is full, and the runtime is held back. Core side
 * and subscriber calls both run on the sandbox's context.
 */
final class AnswerStream implements WriteStream<Buffer>, Payload {

    /** The subscription of a refused second subscriber. */
    private static final Flow.Subscription NOTHING = new Flow.Subscription() {
        @Override
        public void request(long n) {
            // nothing will come
        }

        @Override
        public void cancel() {
            // nothing to stop
        }
    };

    private final Context context;
    private final long length;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final AtomicBoolean taken = new AtomicBoolean();
    private int maxQueued = 256 * 1024;
    private long queued;
    private Flow.Subscriber<? super ByteBuffer> subscriber;
    private long demand;
    private boolean ended;
    private Throwable failure;
    private boolean done;
    private Handler<Void> drainHandler;

    AnswerStream(Context context, long length) {
        this.context = context;
        this.length = length;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> s) {
        if (!taken.compareAndSet(false, true)) {
            s.onSubscribe(NOTHING);
            s.onError(new IllegalStateException("a payload has one subscriber"));
            return;
        }
        context.runOnContext(v -> {
            subscriber = s;
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    context.runOnContext(x -> {
                        if (n <= 0) {
                            fail(new IllegalArgumentException("request(" + n + ")"));
                            return;
                        }
                        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
                        flow();
                    });
                }

                @Override
                public void cancel() {
                    context.runOnContext(x -> {
                        done = true;
                        queue.clear();
                        queued = 0;
                        drained();
                    });
                }
            });
            flow();
        });
    }

    /** Ends the stream with an error after what was written. */
    void fail(Throwable e) {
        if (failure == null && !ended) {
            failure = e;
            flow();
        }
    }

    @Override
    public Future<Void> write(Buffer data) {
        if (!done && !ended && failure == null && data.length() > 0) {
            queue.add(ByteBuffer.wrap(data.getBytes()).asReadOnlyBuffer());
            queued += data.length();
            flow();
        }
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> end() {
        ended = true;
        flow();
        return Future.succeededFuture();
    }

    @Override
    public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
        return this;
    }

    @Override
    public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
        maxQueued = maxSize;
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return queued >= maxQueued;
    }

    @Override
    public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
        drainHandler = handler;
        return this;
    }

    private void flow() {
        if (subscriber == null || done) {
            return;
        }
        while (demand > 0 && !queue.isEmpty()) {
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            ByteBuffer b = queue.poll();
            queued -= b.remaining();
            subscriber.onNext(b);
        }
        if (queue.isEmpty() && (ended || failure != null)) {
            done = true;
            if (failure != null) {
                subscriber.onError(failure);
            } else {
                subscriber.onComplete();
            }
        }
        drained();
    }

    private void drained() {
        if (queued < maxQueued / 2 && drainHandler != null) {
            Handler<Void> h = drainHandler;
            drainHandler = null;
            h.handle(null);
        }
    }
}
