package io.rapidjava.rapid.http;

import io.rapidjava.rapid.Config;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;

/** The daemon's HTTP servers as every host of a sandbox starts them: options, connection guards, routes. */
public final class Servers {

    private static final int MIN_READ_BYTES = 4096;
    private static final int MAX_CHUNK_BYTES = 64 * 1024;

    private Servers() {
    }

    /**
     * The one Vert.x of a sandbox's host: one event loop, and our transport ({@link Channels}), which fits every
     * server's connections with the version check, the trailer capture and the read sizes; with {@code peers} (a
     * Function URL is served), also the connections' addresses ({@link PeerCapture}).
     */
    public static Vertx vertx(boolean peers) {
        return Vertx.builder().with(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1)).withTransport(Channels.nio(MIN_READ_BYTES, MAX_CHUNK_BYTES, peers))
                .build();
    }

    /**
     * The Runtime API (with the Extensions API), listening before its routes exist (see {@link LateRoutes}). A
     * runtime's connection rests while its handler runs (after {@code next}, before {@code /response}): closing it
     * then races the runtime's next request on it, so the longest invoke is added to the idle timeout.
     */
    public static Future<HttpServer> runtimeApi(Vertx vertx, Config config, Duration longestInvoke,
                                                LateRoutes routes) {
        ConnectionGuard connections = new ConnectionGuard(vertx, "runtime API",
                config.idleTimeout().plus(longestInvoke), Integer.MAX_VALUE);
        return vertx.createHttpServer(options()).connectionHandler(connections::accepted)
                .requestHandler(new RequestGate(connections, routes))
                .listen(config.runtimeApiAddress().port(), config.runtimeApiAddress().host());
    }

    /** A front-end for invokers (the invoke API, the control API), bounded in connections. */
    public static Future<HttpServer> frontEnd(Vertx vertx, Config config, String name, Config.HostPort address,
                                              Handler<HttpServerRequest> routes) {
        ConnectionGuard connections =
                new ConnectionGuard(vertx, name, config.idleTimeout(), config.maxInvokeConnections());
        return vertx.createHttpServer(options()).connectionHandler(connections::accepted)
                .requestHandler(new RequestGate(connections, routes)).listen(address.port(), address.host());
    }

    /**
     * Large chunks: a body is relayed chunk by chunk, and each chunk costs a dispatch and a write.
     * No WebSocket compression: it would put a handler in front of every request for nothing.
     * No h2c (Lambda's APIs are HTTP/1.1): with it, a connection reaches the connection handler (and so its
     * limit and idle timeout) only once it has sent its first bytes.
     */
    private static HttpServerOptions options() {
        return new HttpServerOptions().setCompressionSupported(false).setDecompressionSupported(false)
                .setHttp2ClearTextEnabled(false).setHandle100ContinueAutomatically(true)
                .setMaxChunkSize(MAX_CHUNK_BYTES)
                .setPerFrameWebSocketCompressionSupported(false).setPerMessageWebSocketCompressionSupported(false);
    }

    /** The address a process is given for a server: a wildcard bind is reached through loopback. */
    public static String reachable(String host, int port) {
        return (host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host) + ":" + port;
    }
}
