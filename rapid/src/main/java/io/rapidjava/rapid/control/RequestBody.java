package io.rapidjava.rapid.control;

import io.rapidjava.extensions.Discard;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * A control call's body, whatever its {@code Content-Type} says ({@code curl -d} sends JSON as a form), bounded:
 * past the limit the call is refused at once and the rest dropped as it comes (bounded too), so a client that
 * sends its whole body before it reads sees the answer.
 */
final class RequestBody {

    static final int MAX_BYTES = 256 * 1024;

    private RequestBody() {
    }

    static void read(RoutingContext ctx, Consumer<byte[]> then) {
        HttpServerRequest req = ctx.request();
        if (declaredOver(req.getHeader("Content-Length"))) {
            refuse(ctx, BadRequest.tooLarge(MAX_BYTES));
            return;
        }
        Buffer body = Buffer.buffer();
        boolean[] refused = {false};
        req.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > MAX_BYTES) {
                refused[0] = true;
                refuse(ctx, BadRequest.tooLarge(MAX_BYTES));
            } else {
                body.appendBuffer(chunk);
            }
        });
        req.exceptionHandler(e -> {
            if (!refused[0]) {
                refused[0] = true;
                refuse(ctx, BadRequest.invalidContent("could not be read"));
            }
        });
        req.endHandler(v -> {
            if (!refused[0]) {
                then.accept(body.getBytes());
            }
        });
        req.resume();
    }

    private static boolean declaredOver(String length) {
        try {
            return length != null && Long.parseLong(length.trim()) > MAX_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void refuse(RoutingContext ctx, BadRequest why) {
        ControlAnswers.failed(ctx, why);
        Discard.rest(ctx.request());
    }
}
