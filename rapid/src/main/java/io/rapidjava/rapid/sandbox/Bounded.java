package io.rapidjava.rapid.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

/** Reads a whole request body, refusing (and no longer keeping) anything past a limit. */
final class Bounded {

    /** The body was longer than allowed. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("body too large", null, false, false);
        }
    }

    private Bounded() {
    }

    static Future<Buffer> read(HttpServerRequest req, long limit) {
        String length = req.getHeader("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    return Future.failedFuture(new TooLarge());
                }
            } catch (NumberFormatException ignored) {
                // Netty refuses such a request before it gets here
            }
        }
        Promise<Buffer> done = Promise.promise();
        Buffer body = Buffer.buffer();
        long[] size = {0};
        req.handler(chunk -> {
            size[0] += chunk.length();
            if (size[0] <= limit) {
                body.appendBuffer(chunk);
            }
        });
        req.endHandler(v -> {
            if (size[0] > limit) {
                done.tryFail(new TooLarge());
            } else {
                done.tryComplete(body);
            }
        });
        req.exceptionHandler(done::tryFail);
        req.resume();
        return done.future();
    }
}
