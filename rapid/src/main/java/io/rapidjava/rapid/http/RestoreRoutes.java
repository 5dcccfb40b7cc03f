package io.rapidjava.rapid.http;

import io.rapidjava.rapid.sandbox.RestoreCalls;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;

/**
 * SnapStart's Runtime API routes, {@code restore/next} and {@code restore/error}, mounted only with SnapStart (its
 * own class, so that none of it is loaded without); without them these paths are unknown ({@code 404}), as in the
 * emulator without init caching.
 */
final class RestoreRoutes {

    private RestoreRoutes() {
    }

    static void mount(Router router, String base, RestoreCalls calls) {
        router.route(HttpMethod.GET, base + "/runtime/restore/next")
                .handler(ctx -> calls.next(new HttpRestoreNextCall(ctx.response())));
        router.route(HttpMethod.POST, base + "/runtime/restore/error")
                .handler(ctx -> calls.error(ctx.request().getHeader(RuntimeApi.ERROR_TYPE),
                        new HttpRuntimePost(ctx.request())));
    }
}
