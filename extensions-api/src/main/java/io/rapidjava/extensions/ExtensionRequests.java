package io.rapidjava.extensions;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Consumer;

/**
 * What every call of an extension's shares on the wire, for the Extensions API and the subscription APIs alike: the
 * identifier header, a bounded body, and refusals in the API's error shape.
 */
public final class ExtensionRequests {

    private ExtensionRequests() {
    }

    /** The canonical identifier, or null after answering the documented 403. */
    public static String identifier(RoutingContext ctx) {
        String header = ctx.request().getHeader(ExtensionsApi.IDENTIFIER);
        if (header == null || header.isEmpty()) {
            refuse(ctx.response(), ApiError.forbidden("Extension.MissingExtensionIdentifier",
                    "Missing Lambda-Extension-Identifier header"));
            return null;
        }
        String id = ExtensionId.canonical(header);
        if (id == null) {
            refuse(ctx.response(), ApiError.forbidden("Extension.InvalidExtensionIdentifier",
                    "Invalid Lambda-Extension-Identifier"));
        }
        return id;
    }

    /**
     * A request's body, whatever its {@code Content-Type} says (Lambda reads it as JSON; a form decoder would
     * refuse a JSON body sent as a form), bounded by {@code max}: a body over the limit is answered {@code 413} in
     * the API's error shape and the rest of it dropped as it comes ({@link Discard}; closing at once made the kernel
     * reset the connection under a client still sending, which then lost the answer); one that breaks off is
     * answered {@code 400} and the connection closed.
     */
    public static void body(RoutingContext ctx, long max, Consumer<Buffer> then) {
        HttpServerRequest req = ctx.request();
        BoundedBody.read(req, max, then, why -> {
            if (why == BoundedBody.Refusal.TOO_LARGE) {
                refuse(req.response(), tooLarge(max));
                Discard.rest(req);
            } else {
                unreadable(req, new ApiError(400, "InvalidRequestFormat", "unreadable request body"));
            }
        });
    }

    private static ApiError tooLarge(long max) {
        return new ApiError(413, "RequestEntityTooLarge",
                "Exceeded maximum allowed payload size (" + max + " bytes).");
    }

    private static void unreadable(HttpServerRequest req, ApiError error) {
        HttpServerResponse response = req.response();
        if (response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(error.status()).putHeader("Content-Type", "application/json")
                .putHeader("Connection", "close").end(Buffer.buffer(error.body()))
                .onComplete(ar -> req.connection().close());
    }

    public static void refuse(HttpServerResponse response, ApiError error) {
        response.setStatusCode(error.status()).putHeader("Content-Type", "application/json")
                .end(Buffer.buffer(error.body()));
    }
}
