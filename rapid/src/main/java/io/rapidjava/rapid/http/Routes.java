package io.rapidjava.rapid.http;

import io.rapidjava.rapid.Log;
import io.rapidjava.rendering.Bodies;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
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
        router.errorHandler(500, ctx -> {
            Throwable bug = ctx.failure();
            Log.error("Internal error handling " + ctx.request().method() + " " + ctx.request().path() + ": " + bug);
            if (!ctx.response().ended() && !ctx.response().closed()) {
                ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                        .end(Buffer.buffer(Bodies.INTERNAL_SERVER_ERROR));
            }
            if (bug != null) {
                onBug.accept(bug);
            }
        });
        return router;
    }
}
