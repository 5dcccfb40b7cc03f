package io.rapidjava.rapid.http;

import io.rapidjava.rendering.Bodies;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/** A router with Go's answers for unknown paths (404 text) and wrong methods (405, empty). */
public final class Routes {

    private Routes() {
    }

    public static Router router(Vertx vertx) {
        Router router = Router.router(vertx);
        router.errorHandler(404, ctx -> ctx.response().setStatusCode(404)
                .putHeader("Content-Type", "text/plain; charset=utf-8")
                .end(Buffer.buffer(Bodies.NOT_FOUND)));
        router.errorHandler(405, ctx -> ctx.response().setStatusCode(405).end());
        router.errorHandler(500, ctx -> {
            if (!ctx.response().ended()) {
                ctx.response().setStatusCode(500).putHeader("Content-Type", "application/json")
                        .end(Buffer.buffer(Bodies.INTERNAL_SERVER_ERROR));
            }
        });
        return router;
    }
}
