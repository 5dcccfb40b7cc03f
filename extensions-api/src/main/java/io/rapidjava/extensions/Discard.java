package io.rapidjava.extensions;

import io.vertx.core.http.HttpServerRequest;

/**
 * Reads and drops the rest of a request that was answered early (413): many clients send the whole body
 * before they read the answer, so the body must keep flowing. Past a bound the connection is closed instead.
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
            if (seen[0] > MAX_DISCARDED_BYTES) {
                req.connection().close();
            }
        });
        req.exceptionHandler(e -> { });
        req.resume();
    }
}
