package io.rapidjava.rapid.control;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.SandboxRefusal;
import io.rapidjava.rapid.Log;
import io.rapidjava.rendering.ErrorBody;
import io.rapidjava.rendering.Json;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.CompletionException;

/**
 * The one place that maps the control API's outcomes to the wire: status codes, JSON bodies, and every refusal in
 * Lambda's error shape ({@code {"errorMessage":...,"errorType":...}} and {@code X-Amzn-ErrorType}).
 */
final class ControlAnswers {

    static final String ERROR_TYPE = "X-Amzn-ErrorType";

    private ControlAnswers() {
    }

    static Future<Void> health(RoutingContext ctx, String unavailable) {
        return json(ctx, unavailable == null ? 200 : 503, Views.Health.of(unavailable));
    }

    /** An init that failed is still answered with its report, as a {@code 502}: the function, not the call, failed. */
    static Future<Void> init(RoutingContext ctx, PlatformEvent.InitReport report) {
        return json(ctx, report.status().equals("success") ? 200 : 502, Views.Init.of(report));
    }

    static Future<Void> ok(RoutingContext ctx, Object view) {
        return json(ctx, 200, view);
    }

    /**
     * A call that did not go through: a {@link SandboxRefusal} is a {@code 409} that changed nothing, a
     * {@link BadRequest} its own 4xx; anything else is a bug of ours, logged, and the only {@code 500}.
     */
    static Future<Void> failed(RoutingContext ctx, Throwable failure) {
        Throwable cause = cause(failure);
        return switch (cause) {
            case SandboxRefusal r -> error(ctx, 409, r.errorType(), r.getMessage());
            case BadRequest b -> error(ctx, b.status(), b.errorType(), b.getMessage());
            case null, default -> {
                Log.error("Internal error handling " + ctx.request().method() + " " + ctx.request().path() + ": "
                        + cause);
                yield error(ctx, 500, "InternalServerError", "Internal Server Error");
            }
        };
    }

    /** What a stage failed with, without the {@link CompletionException} a dependent stage wraps it in. */
    static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    static Future<Void> error(RoutingContext ctx, int status, String errorType, String message) {
        HttpServerResponse r = ctx.response();
        if (!r.ended() && !r.closed()) {
            r.putHeader(ERROR_TYPE, errorType);
        }
        return send(r, status, new ErrorBody(message, errorType).bytes());
    }

    private static Future<Void> json(RoutingContext ctx, int status, Object view) {
        return send(ctx.response(), status, Json.body(view));
    }

    /** Nothing is written to a client that went away, or twice. */
    private static Future<Void> send(HttpServerResponse r, int status, byte[] body) {
        if (r.ended() || r.closed()) {
            return Future.succeededFuture();
        }
        return r.setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
    }
}
