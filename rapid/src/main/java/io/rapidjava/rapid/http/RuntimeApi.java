package io.rapidjava.rapid.http;

import io.rapidjava.extensions.ExtensionsApi;
import io.rapidjava.rapid.TelemetryFeed;
import io.rapidjava.rapid.sandbox.Sandbox;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;

/**
 * The Runtime API, {@code /2018-06-01}, and the Extensions API on the same server: parses each call into the core's
 * terms; the core decides, and {@link RuntimeReplies} writes its answer. A runtime's {@code next} and {@code response}
 * skip the router ({@link RuntimeLoop}).
 */
public final class RuntimeApi {

    private static final String BASE = "/2018-06-01";
    static final String RESPONSE_MODE = "Lambda-Runtime-Function-Response-Mode";
    static final String ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";

    private RuntimeApi() {
    }

    public static Handler<HttpServerRequest> router(Vertx vertx, Sandbox sandbox, boolean extensionsEnabled) {
        return router(vertx, sandbox, extensionsEnabled ? TelemetryFeed.attach(vertx, sandbox, sandbox.function(),
                sandbox.jsonLogs()) : null);
    }

    /** {@code telemetry}: the sandbox's telemetry subscribers; null when extensions are disabled. */
    public static Handler<HttpServerRequest> router(Vertx vertx, Sandbox sandbox, TelemetryFeed telemetry) {
        boolean extensionsEnabled = telemetry != null;
        Router router = Routes.router(vertx, sandbox::internalError);
        var calls = sandbox.runtimeCalls();
        router.route(HttpMethod.GET, BASE + "/ping").handler(ctx -> ctx.response().end("pong"));
        router.route(HttpMethod.GET, BASE + "/runtime/invocation/next")
                .handler(ctx -> calls.next(new HttpNextCall(ctx.response())));
        router.route(HttpMethod.POST, BASE + "/runtime/invocation/:id/response")
                .handler(ctx -> calls.response(ctx.pathParam("id"), ctx.request().getHeader(RESPONSE_MODE),
                        new HttpRuntimePost(ctx.request())));
        router.route(HttpMethod.POST, BASE + "/runtime/invocation/:id/error")
                .handler(ctx -> calls.error(ctx.pathParam("id"), ctx.request().getHeader(ERROR_TYPE),
                        new HttpRuntimePost(ctx.request())));
        router.route(HttpMethod.POST, BASE + "/runtime/init/error")
                .handler(ctx -> calls.initError(ctx.request().getHeader(ERROR_TYPE), new HttpRuntimePost(ctx.request())));
        if (sandbox.restoreCalls() != null) {
            RestoreRoutes.mount(router, BASE, sandbox.restoreCalls());
        }
        ExtensionsApi.mount(router, sandbox.extensionCalls(), extensionsEnabled);
        if (extensionsEnabled) {
            TelemetryApi.mount(router, sandbox.extensionCalls(), telemetry);
        }
        return new RuntimeLoop(calls, router, sandbox::internalError);
    }
}
