package io.rapidjava.rapid.control;

import io.rapidjava.extensions.BoundedBody;
import io.rapidjava.extensions.Discard;
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
        BoundedBody.read(ctx.request(), MAX_BYTES, body -> then.accept(body.getBytes()),
                why -> refuse(ctx, why == BoundedBody.Refusal.TOO_LARGE ? BadRequest.tooLarge(MAX_BYTES)
                        : BadRequest.invalidContent("could not be read")));
    }

    private static void refuse(RoutingContext ctx, BadRequest why) {
        ControlAnswers.failed(ctx, why);
        Discard.rest(ctx.request());
    }
}
