package io.rapidjava.extensions;

import io.netty.buffer.ByteBuf;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.internal.buffer.BufferInternal;

/**
 * Reads and drops the rest of a request that was answered early (413): many clients send the whole body
 * before they read the answer, so the body must keep flowing. Past a bound the connection is closed instead. What
 * it drops is released at once: a large read's direct buffer then serves the next read rather than wait for the
 * collector, which a stream of refused bodies (they leave little heap garbage) would keep waiting.
 */
public final class Discard {

    private static final long MAX_DISCARDED_BYTES = 64L * 1024 * 1024;

    private Discard() {
    }

    public static void rest(HttpServerRequest req) {
        if (req.isEnded()) {
            return;
        }
        long[] seen = {0};
        req.handler(chunk -> {
            seen[0] += chunk.length();
            if (chunk instanceof BufferInternal internal) {
                ByteBuf buf = internal.unwrap();
                if (buf.refCnt() > 0) {
                    buf.release();
                }
            }
            if (seen[0] > MAX_DISCARDED_BYTES) {
                req.connection().close();
            }
        });
        req.exceptionHandler(e -> { });
        req.resume();
    }
}
