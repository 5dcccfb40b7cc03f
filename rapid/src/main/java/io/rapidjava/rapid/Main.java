package io.rapidjava.rapid;

import io.rapidjava.rapid.http.Channels;
import io.rapidjava.rapid.http.ConnectionGuard;
import io.rapidjava.rapid.http.InvokeApi;
import io.rapidjava.rapid.http.LateRoutes;
import io.rapidjava.rapid.http.RequestGate;
import io.rapidjava.rapid.http.RuntimeApi;
import io.rapidjava.rapid.http.TrailerCapture;
import io.rapidjava.rapid.http.VersionCheck;
import io.rapidjava.rapid.process.Reaper;
import io.rapidjava.rapid.sandbox.Sandbox;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/** The daemon: one Vert.x event loop, the Runtime API and invoke servers, one sandbox. */
public final class Main {

    private static final int MIN_READ_BYTES = 4096;
    private static final int MAX_CHUNK_BYTES = 64 * 1024;

    private Main() {
    }

    public static void main(String[] args) {
        Config config;
        try {
            config = new ConfigParser(System.getenv(), Path.of("").toAbsolutePath()).parse(args);
        } catch (ConfigException e) {
            System.err.println("rapid: " + e.getMessage());
            System.exit(2);
            return;
        }
        Log.level(config.logLevel());
        LibraryLog.install(config.logLevel());
        EagerResources.load();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setPreferNativeTransport(false));
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> start(vertx, context, config));
    }

    /**
     * The Runtime API listens first (the sandbox needs its port), then the sandbox and both routers are built,
     * then the invoke port opens with its routes in place, so an invoke that arrives at once waits in the
     * sandbox's queue for init instead of being refused; the runtime is launched last.
     */
    private static void start(Vertx vertx, Context context, Config config) {
        HttpServerOptions options = serverOptions();
        // A runtime's connection rests while its handler runs (after `next`, before `/response`): closing it then
        // races the runtime's next request on it, so on the Runtime API the function timeout is added.
        ConnectionGuard runtimeConnections = new ConnectionGuard(vertx, "runtime API",
                config.idleTimeout().plus(config.function().timeout()), Integer.MAX_VALUE);
        LateRoutes runtimeRoutes = new LateRoutes();
        HttpServer runtimeServer = vertx.createHttpServer(options).connectionHandler(c -> {
            runtimeConnections.accepted(c);
            TrailerCapture.install(c);
            VersionCheck.install(c);
            Channels.readSizes(c, MIN_READ_BYTES, MAX_CHUNK_BYTES);
        }).requestHandler(new RequestGate(runtimeConnections, runtimeRoutes));
        runtimeServer.listen(config.runtimeApiAddress().port(), config.runtimeApiAddress().host()).compose(rs -> {
            String runtimeApi = reachable(config.runtimeApiAddress().host()) + ":" + rs.actualPort();
            Stdout stdout = new Stdout();
            Sandbox sandbox = new Sandbox(vertx, context, config, Sandbox.printedBy(stdout::line), runtimeApi);
            runtimeRoutes.set(RuntimeApi.router(vertx, sandbox, config.extensionsEnabled()));
            ConnectionGuard invokeConnections =
                    new ConnectionGuard(vertx, "invoke", config.idleTimeout(), config.maxInvokeConnections());
            return vertx.createHttpServer(options).connectionHandler(c -> {
                invokeConnections.accepted(c);
                VersionCheck.install(c);
                Channels.readSizes(c, MIN_READ_BYTES, MAX_CHUNK_BYTES);
            }).requestHandler(new RequestGate(invokeConnections, InvokeApi.router(vertx, sandbox)))
                    .listen(config.invokeAddress().port(), config.invokeAddress().host())
                    .onSuccess(is -> {
                        Log.always(LogLevel.INFO, "Listening: invoke=" + config.invokeAddress().host() + ":"
                                + is.actualPort() + " runtime-api=" + runtimeApi);
                        onSignals(context, sandbox, stdout);
                        Reaper.start();
                        sandbox.start();
                    });
        }).onFailure(e -> {
            Log.error("cannot listen: " + e.getMessage());
            System.exit(1);
        });
    }

    /**
     * Large chunks: a body is relayed chunk by chunk, and each chunk costs a dispatch and a write.
     * No WebSocket compression: it would put a handler in front of every request for nothing.
     * No h2c (Lambda's APIs are HTTP/1.1): with it, a connection reaches the connection handler (and so its
     * limit and idle timeout) only once it has sent its first bytes.
     */
    private static HttpServerOptions serverOptions() {
        return new HttpServerOptions().setCompressionSupported(false).setDecompressionSupported(false)
                .setHttp2ClearTextEnabled(false).setHandle100ContinueAutomatically(true)
                .setMaxChunkSize(MAX_CHUNK_BYTES)
                .setPerFrameWebSocketCompressionSupported(false).setPerMessageWebSocketCompressionSupported(false);
    }

    /** The address the runtime is given: a wildcard bind is reached through loopback. */
    private static String reachable(String host) {
        return host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }

    private static void onSignals(Context context, Sandbox sandbox, Stdout stdout) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                if (stopping.compareAndSet(false, true)) {
                    // Vert.x is closed first: the JVM's exit waits up to 300 ms for threads blocked in
                    // native code, such as an event loop in epoll_wait.
                    context.runOnContext(v -> sandbox.shutdown("spindown")
                            .compose(done -> context.owner().close())
                            .onComplete(ar -> Thread.ofPlatform().start(() -> {
                                stdout.flush(1000);
                                System.exit(0);
                            })));
                }
            });
        }
    }
}
