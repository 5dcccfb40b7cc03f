package io.rapidjava.rapid.http;

import io.rapidjava.interop.InvocationType;
import io.rapidjava.interop.Limits;
import io.rapidjava.interop.TraceHeader;
import io.rapidjava.rapid.sandbox.Sandbox;
import io.rapidjava.rendering.Bodies;
import io.rapidjava.rendering.ErrorBody;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/** The invoke front-end: Lambda's {@code Invoke} call, for any function name. */
public final class InvokeApi {

    private InvokeApi() {
    }

    public static Router router(Vertx vertx, Sandbox sandbox) {
        Router router = Routes.router(vertx);
        router.route("/2015-03-31/functions/:name/invocations").handler(ctx -> accept(ctx.request(), sandbox));
        return router;
    }

    private static void accept(HttpServerRequest req, Sandbox sandbox) {
        req.pause();
        Optional<InvocationType> type = InvocationType.parse(req.getHeader("X-Amz-Invocation-Type"));
        if (type.isEmpty()) {
            reject(req, 400, "InvalidParameterValueException", "1 validation error detected: Value '"
                    + req.getHeader("X-Amz-Invocation-Type") + "' at 'invocationType' failed to satisfy constraint: "
                    + "Member must satisfy enum value set: [Event, RequestResponse, DryRun]");
            return;
        }
        String clientContext = null;
        String encoded = req.getHeader("X-Amz-Client-Context");
        if (encoded != null && !encoded.isEmpty()) {
            try {
                clientContext = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                reject(req, 400, "InvalidRequestContentException",
                        "Client context must be a valid Base64-encoded JSON object.");
                return;
            }
        }
        long limit = type.get() == InvocationType.EVENT ? Limits.MAX_ASYNC_PAYLOAD_BYTES : Limits.MAX_PAYLOAD_BYTES;
        String length = req.getHeader("Content-Length");
        if (length != null && parseLong(length) > limit) {
            req.response().setStatusCode(413).putHeader("Content-Type", "application/json")
                    .putHeader("X-Amzn-ErrorType", "RequestEntityTooLarge")
                    .end(Buffer.buffer(Bodies.tooLarge(limit)));
            Discard.rest(req);
            return;
        }
        if (type.get() == InvocationType.DRY_RUN) {
            req.resume();
            req.end().onComplete(ar -> req.response().setStatusCode(204).end());
            return;
        }
        String trace = req.getHeader("X-Amzn-Trace-Id");
        if (trace == null || trace.isEmpty()) {
            trace = TraceHeader.generate(System.currentTimeMillis() / 1000);
        }
        boolean tail = "Tail".equals(req.getHeader("X-Amz-Log-Type"));
        sandbox.submit(Sandbox.newInvoke(UUID.randomUUID().toString(), type.get(), tail, trace, clientContext, req));
    }

    private static long parseLong(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void reject(HttpServerRequest req, int status, String type, String message) {
        Discard.rest(req);
        req.response().setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("X-Amzn-ErrorType", type)
                .end(Buffer.buffer(new ErrorBody(message, type).bytes()));
    }
}
