package io.rapidjava.rapid.http;

import io.rapidjava.rapid.sandbox.RuntimeCalls;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Consumer;

/**
 * The two calls a runtime makes for every invoke, {@code GET /2018-06-01/runtime/invocation/next} and {@code POST
 * /2018-06-01/runtime/invocation/<id>/response}, taken on their plain path without the router, whose routing
 * context and matching were about 5 us and 1 KB of every invoke (JFR). Anything else, these two included when
 * their path needs the router's decoding or normalising (a {@code %}, a dot segment), goes to the router, so the
 * answers are the same either way.
 */
final class RuntimeLoop implements Handler<HttpServerRequest> {

    private static final String NEXT = "/2018-06-01/runtime/invocation/next";
    static final String INVOCATION = "/2018-06-01/runtime/invocation/";
    static final String RESPONSE = "/response";

    private final RuntimeCalls calls;
    private final Handler<HttpServerRequest> router;
    private final Consumer<Throwable> onBug;

    RuntimeLoop(RuntimeCalls calls, Handler<HttpServerRequest> router, Consumer<Throwable> onBug) {
        this.calls = calls;
        this.router = router;
        this.onBug = onBug;
    }

    @Override
    public void handle(HttpServerRequest request) {
        String path = request.path();
        try {
            if (request.method() == HttpMethod.GET && NEXT.equals(path)) {
                calls.next(new HttpNextCall(request.response()));
                return;
            }
            String id = request.method() == HttpMethod.POST ? responseId(path) : null;
            if (id != null) {
                calls.response(id, request.getHeader(RuntimeApi.RESPONSE_MODE), new HttpRuntimePost(request));
                return;
            }
        } catch (RuntimeException bug) {
            Routes.failed(request, bug, onBug);
            return;
        }
        router.handle(request);
    }

    /** The id of a plain {@code .../invocation/<id>/response} path, else null. */
    static String responseId(String path) {
        if (path == null || !path.startsWith(INVOCATION) || !path.endsWith(RESPONSE)) {
            return null;
        }
        int from = INVOCATION.length();
        int to = path.length() - RESPONSE.length();
        if (to <= from) {
            return null;
        }
        for (int i = from; i < to; i++) {
            char c = path.charAt(i);
            if (c == '/' || c == '%') {
                return null;
            }
        }
        String id = path.substring(from, to);
        return id.equals(".") || id.equals("..") ? null : id;
    }
}
