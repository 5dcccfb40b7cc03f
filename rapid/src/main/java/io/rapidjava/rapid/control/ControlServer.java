package io.rapidjava.rapid.control;

import io.rapidjava.rapid.Config;
import io.rapidjava.rapid.http.Servers;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.RoutingContext;

/**
 * The control API's server on {@link Config#controlAddress()}. It carries invokes too ({@code POST /invoke}), so it
 * is a front-end as the invoke API is: the same options, connection limit, idle timeout and request gate.
 */
public final class ControlServer {

    private ControlServer() {
    }

    /** Listens; call on the daemon's event loop once {@code host} can answer (its sandbox built, unless deferred). */
    public static Future<HttpServer> start(Vertx vertx, Config config, SandboxHost host,
                                           Handler<RoutingContext> invoke) {
        return Servers.frontEnd(vertx, config, "control", config.controlAddress(),
                ControlApi.router(vertx, host, invoke, config.shutdownTimeout()));
    }
}
