package io.rapidjava.rapid.sandbox;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

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

    /** {@code declared} is the length announced up front, -1 when none was. */
    static Future<Buffer> read(ReadStream<Buffer> req, long declared, long limit) {
        if (declared > limit) {
            return Future.failedFuture(new TooLarge());
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
