package io.rapidjava.extensions;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Consumer;

/**
 * A request's whole body, up to a bound, for the APIs that read small JSON bodies (Extensions, Telemetry, control):
 * a body declared or found larger, or one that breaks off, is refused once, and each API answers it in its shape.
 */
public final class BoundedBody {

    /** Why a body was not taken. */
    public enum Refusal { TOO_LARGE, UNREADABLE }

    private BoundedBody() {
    }

    public static void read(HttpServerRequest req, long max, Consumer<Buffer> then, Consumer<Refusal> refused) {
        if (declaredOver(req.getHeader("Content-Length"), max)) {
            refused.accept(Refusal.TOO_LARGE);
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] done = {false};
        req.handler(chunk -> {
            if (done[0]) {
                return;
            }
            if (body.length() + chunk.length() > max) {
                done[0] = true;
                refused.accept(Refusal.TOO_LARGE);
            } else {
                body.appendBuffer(chunk);
            }
        });
        req.exceptionHandler(e -> {
            if (!done[0]) {
                done[0] = true;
                refused.accept(Refusal.UNREADABLE);
            }
        });
        req.endHandler(v -> {
            if (!done[0]) {
                then.accept(body);
            }
        });
        req.resume();
    }

    private static boolean declaredOver(String length, long max) {
        try {
            return length != null && Long.parseLong(length.trim()) > max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
