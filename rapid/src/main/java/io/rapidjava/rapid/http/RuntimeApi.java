package io.rapidjava.rapid.http;

import io.rapidjava.extensions.ExtensionsApi;
import io.rapidjava.rapid.sandbox.Sandbox;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/** The Runtime API, {@code /2018-06-01}, and the Extensions API on the same server: routes only; the sandbox decides. */
public final class RuntimeApi {

    private static final String BASE = "/2018-06-01";

    private RuntimeApi() {
    }

    public static Router router(Vertx vertx, Sandbox sandbox, boolean extensionsEnabled) {
        Router router = Routes.router(vertx, sandbox::internalError);
        router.route(HttpMethod.GET, BASE + "/ping").handler(ctx -> ctx.response().end("pong"));
        router.route(HttpMethod.GET, BASE + "/runtime/invocation/next")
                .handler(ctx -> sandbox.runtimeNext(ctx.request()));
        router.route(HttpMethod.POST, BASE + "/runtime/invocation/:id/response")
                .handler(ctx -> sandbox.runtimeResponse(ctx.pathParam("id"), ctx.request()));
        router.route(HttpMethod.POST, BASE + "/runtime/invocation/:id/error")
                .handler(ctx -> sandbox.runtimeError(ctx.pathParam("id"), ctx.request()));
        router.route(HttpMethod.POST, BASE + "/runtime/init/error")
                .handler(ctx -> sandbox.runtimeInitError(ctx.request()));
        ExtensionsApi.mount(router, sandbox, extensionsEnabled);
        return router;
    }
}
