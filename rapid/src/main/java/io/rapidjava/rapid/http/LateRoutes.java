package io.rapidjava.rapid.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The Runtime API's routes need the sandbox, and the sandbox needs the port the server listens on, so the
 * server listens before its routes exist. A request in that window (nobody who was told the port can send one
 * yet) waits, paused, for them instead of being refused. Event-loop confined.
 */
public final class LateRoutes implements Handler<HttpServerRequest> {

    private Handler<HttpServerRequest> routes;
    private List<HttpServerRequest> waiting = new ArrayList<>();

    @Override
    public void handle(HttpServerRequest req) {
        if (routes != null) {
            routes.handle(req);
        } else {
            req.pause();
            waiting.add(req);
        }
    }

    public void set(Handler<HttpServerRequest> value) {
        routes = value;
        List<HttpServerRequest> early = waiting;
        waiting = null;
        early.forEach(value::handle);
    }
}
