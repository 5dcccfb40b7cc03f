package io.rapidjava.rapid.http;

import io.rapidjava.rapid.Log;
import io.rapidjava.rendering.Bodies;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import java.util.function.Consumer;

/**
 * A router with Go's answers for unknown paths (404 text) and wrong methods (405, empty), and one place for a bug of
 * ours inside a handler: logged in one line, answered {@code 500} in Lambda's shape, and reported to {@code onBug}
 * so the sandbox can fail the invoke the call belonged to instead of staying half-changed.
 */
public final class Routes {

    private Routes() {
    }

    public static Router router(Vertx vertx, Consumer<Throwable> onBug) {
        Router router = Router.router(vertx);
        router.errorHandler(404, ctx -> ctx.response().setStatusCode(404)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(Buffer.buffer(Bodies.NOT_FOUND)));
        router.errorHandler(405, ctx -> ctx.response().setStatusCode(405).end());
        router.errorHandler(500, ctx -> failed(ctx.request(), ctx.failure(), onBug));
        return router;
    }

    /** A bug of ours while handling {@code request} (null when none was thrown): the one answer to it. */
    static void failed(HttpServerRequest request, Throwable bug, Consumer<Throwable> onBug) {
        Log.error("Internal error handling " + request.method() + " " + request.path() + ": " + bug);
        HttpServerResponse response = request.response();
        if (!response.ended() && !response.closed()) {
            response.setStatusCode(500).putHeader("Content-Type", "application/json")
                    .end(Buffer.buffer(Bodies.INTERNAL_SERVER_ERROR));
        }
        if (bug != null) {
            onBug.accept(bug);
        }
    }
}
