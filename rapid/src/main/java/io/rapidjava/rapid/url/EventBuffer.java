package io.rapidjava.rapid.url;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/**
 * An event made whole before the core reads it (the Function URL's), as the paused stream the core reads: its one
 * buffer, then its end, each on a later turn of the event loop so the reader has set itself up.
 */
final class EventBuffer implements ReadStream<Buffer> {

    private final Context context;
    private Buffer event;
    private Handler<Buffer> handler;
    private Handler<Void> endHandler;
    private boolean paused = true;
    private boolean scheduled;

    EventBuffer(Context context, Buffer event) {
        this.context = context;
        this.event = event;
    }

    @Override
    public ReadStream<Buffer> exceptionHandler(Handler<Throwable> h) {
        return this;
    }

    @Override
    public ReadStream<Buffer> handler(Handler<Buffer> h) {
        handler = h;
        return this;
    }

    @Override
    public ReadStream<Buffer> pause() {
        paused = true;
        return this;
    }

    @Override
    public ReadStream<Buffer> resume() {
        paused = false;
        if (!scheduled) {
            scheduled = true;
            context.runOnContext(v -> flow());
        }
        return this;
    }

    @Override
    public ReadStream<Buffer> fetch(long amount) {
        return amount > 0 ? resume() : this;
    }

    @Override
    public ReadStream<Buffer> endHandler(Handler<Void> h) {
        endHandler = h;
        return this;
    }

    private void flow() {
        scheduled = false;
        if (paused) {
            return;
        }
        if (event != null && handler != null) {
            Buffer once = event;
            event = null;
            handler.handle(once);
        }
        if (event == null && !paused && endHandler != null) {
            Handler<Void> end = endHandler;
            endHandler = null;
            end.handle(null);
        }
    }
}
