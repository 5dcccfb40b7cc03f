package io.rapidjava.rapid.embed;

import io.netty.buffer.Unpooled;
import io.rapidjava.interop.Payload;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.streams.ReadStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;

/**
 * A host's event payload as the core reads it: a paused stream that asks the publisher for one buffer at a time
 * while the core wants more, so a slow runtime holds back the host's publisher instead of gathering the event.
 * Every handler runs on the sandbox's context.
 */
final class PayloadStream implements ReadStream<Buffer>, Flow.Subscriber<ByteBuffer> {

    private final Context context;
    private final Payload payload;
    private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private Handler<Throwable> exceptionHandler;
    private Flow.Subscription upstream;
    private boolean subscribed;
    private boolean asked;
    private boolean complete;
    private boolean finished;
    private long demand;
    /** Bytes the publisher sent so far. */
    private long received;

    PayloadStream(Context context, Payload payload) {
        this.context = context;
        this.payload = payload;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
        exceptionHandler = h;
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
        handler = h;
        if (h != null && !subscribed) {
            subscribed = true;
            payload.subscribe(this);
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        demand = 0;
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        return fetch(Long.MAX_VALUE);
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        demand = demand + amount < 0 ? Long.MAX_VALUE : demand + amount;
        flow();
        return this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
        endHandler = h;
        return this;
    }

    /** The event is no longer wanted (it could not be read): the publisher stops. */
    void cancel() {
        finished = true;
        pending.clear();
        if (upstream != null) {
            upstream.cancel();
        }
    }

    private void flow() {
        while (demand > 0 && !pending.isEmpty() && !finished) {
            if (demand != Long.MAX_VALUE) {
                demand--;
            }
            Buffer b = pending.poll();
            if (handler != null) {
                handler.handle(b);
            }
        }
        if (finished) {
            return;
        }
        if (pending.isEmpty() && complete) {
            finished = true;
            if (endHandler != null) {
                endHandler.handle(null);
            }
            return;
        }
        if (demand > 0 && !asked && upstream != null && !complete) {
            asked = true;
            upstream.request(1);
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        context.runOnContext(v -> {
            upstream = s;
            if (finished) {
                s.cancel();
            } else {
                flow();
            }
        });
    }

    @Override
    public void onNext(ByteBuffer item) {
        Buffer b = BufferInternal.buffer(Unpooled.wrappedBuffer(item));
        context.runOnContext(v -> {
            asked = false;
            received += b.length();
            if (payload.length() >= 0 && received > payload.length()) {
                broken("the payload sent more than its " + payload.length() + " bytes");
                return;
            }
            if (b.length() > 0) {
                pending.add(b);
            }
            flow();
        });
    }

    @Override
    public void onError(Throwable e) {
        context.runOnContext(v -> fail(e));
    }

    @Override
    public void onComplete() {
        context.runOnContext(v -> {
            if (payload.length() >= 0 && received != payload.length()) {
                broken("the payload ended after " + received + " of its " + payload.length() + " bytes");
                return;
            }
            complete = true;
            flow();
        });
    }

    /** A payload that breaks its own length is a malformed event, as a cut HTTP body is. */
    private void broken(String why) {
        if (upstream != null) {
            upstream.cancel();
        }
        fail(new IllegalStateException(why));
    }

    private void fail(Throwable e) {
        if (!finished) {
            finished = true;
            pending.clear();
            if (exceptionHandler != null) {
                exceptionHandler.handle(e);
            }
        }
    }
}
