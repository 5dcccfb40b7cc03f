package io.rapidjava.rapid.http;

import io.rapidjava.rapid.Log;
import io.rapidjava.rapid.LogLevel;
import io.rapidjava.rapid.Throttle;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/**
 * What every request passes before its router. Vert.x Web fails a request without a usable {@code Host} (or
 * with an empty path) as an unhandled exception and logs it; such a request is a client's mistake, answered
 * here the way Go's net/http answers it (a {@code 400}, and the connection closed) and logged at debug at
 * most, a line per window.
 */
public final class RequestGate implements Handler<HttpServerRequest> {

    private static final Throttle REFUSALS = new Throttle(10_000);

    private final ConnectionGuard connections;
    private final Handler<HttpServerRequest> routes;

    public RequestGate(ConnectionGuard connections, Handler<HttpServerRequest> routes) {
        this.connections = connections;
        this.routes = routes;
    }

    @Override
    public void handle(HttpServerRequest req) {
        connections.started(req);
        String refusal = refusal(req);
        if (refusal == null) {
            routes.handle(req);
            return;
        }
        if (Log.enabled(LogLevel.DEBUG)) {
            long held = REFUSALS.pass();
            if (held >= 0) {
                Log.debug(Throttle.withHeld("refused a client's request: " + refusal, held));
            }
        }
        req.response().setStatusCode(400).putHeader("Content-Type", "text/plain; charset=utf-8")
                .putHeader("Connection", "close").end(refusal)
                .onComplete(ar -> req.connection().close());
    }

    /** Go's answer to a request it refuses, or null when the request may pass. */
    private static String refusal(HttpServerRequest req) {
        if (req.version() == HttpVersion.HTTP_1_1 && req.authority() == null) {
            return req.headers().contains("Host")
                    ? "400 Bad Request: malformed Host header" : "400 Bad Request: missing required Host header";
        }
        String path = req.path();
        return path == null || path.isEmpty() || !escapesValid(path) ? "400 Bad Request" : null;
    }

    /** Every {@code %} is followed by two hex digits, as Go's URL parser requires. */
    static boolean escapesValid(String path) {
        for (int i = path.indexOf('%'); i >= 0; i = path.indexOf('%', i + 1)) {
            if (i + 2 >= path.length() || Character.digit(path.charAt(i + 1), 16) < 0
                    || Character.digit(path.charAt(i + 2), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
