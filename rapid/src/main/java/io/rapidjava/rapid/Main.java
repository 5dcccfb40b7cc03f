package io.rapidjava.rapid;

import io.rapidjava.rapid.http.InvokeApi;
import io.rapidjava.rapid.http.RuntimeApi;
import io.rapidjava.rapid.http.TrailerCapture;
import io.rapidjava.rapid.process.Reaper;
import io.rapidjava.rapid.sandbox.Sandbox;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import sun.misc.Signal;

/** The daemon: one Vert.x event loop, the Runtime API and invoke servers, one sandbox. */
public final class Main {

    // Held strongly: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
    private static final java.util.logging.Logger VERTX_LOG = java.util.logging.Logger.getLogger("io.vertx");
    private static final java.util.logging.Logger NETTY_LOG = java.util.logging.Logger.getLogger("io.netty");

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
        // Their INFO lines (e.g. which DNS resolver was chosen) are noise in a daemon's log.
        java.util.logging.Level libraries = Log.enabled(LogLevel.DEBUG)
                ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING;
        VERTX_LOG.setLevel(libraries);
        NETTY_LOG.setLevel(libraries);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1).setPreferNativeTransport(false));
        Context context = vertx.getOrCreateContext();
        context.runOnContext(v -> start(vertx, context, config));
    }

    private static void start(Vertx vertx, Context context, Config config) {
        Stdout stdout = new Stdout();
        // Large chunks: a body is relayed chunk by chunk, and each chunk costs a dispatch and a write.
        // No WebSocket compression: it would put a handler in front of every request for nothing.
        HttpServerOptions options = new HttpServerOptions().setCompressionSupported(false)
                .setDecompressionSupported(false).setHandle100ContinueAutomatically(true)
                .setMaxChunkSize(MAX_CHUNK_BYTES)
                .setPerFrameWebSocketCompressionSupported(false).setPerMessageWebSocketCompressionSupported(false);
        HttpServer runtimeServer = vertx.createHttpServer(options).connectionHandler(c -> {
            TrailerCapture.install(c);
            readSizes(c);
        });
        HttpServer invokeServer = vertx.createHttpServer(options).connectionHandler(Main::readSizes);
        // The sandbox needs the Runtime API's actual port, so the routers are set once both servers listen.
        AtomicReference<Router> runtimeRoutes = new AtomicReference<>();
        AtomicReference<Router> invokeRoutes = new AtomicReference<>();
        runtimeServer.requestHandler(req -> route(runtimeRoutes, req));
        invokeServer.requestHandler(req -> route(invokeRoutes, req));
        Future<HttpServer> runtimeListening =
                runtimeServer.listen(config.runtimeApiAddress().port(), config.runtimeApiAddress().host());
        runtimeListening.compose(rs -> invokeServer.listen(config.invokeAddress().port(), config.invokeAddress().host()))
                .onSuccess(is -> {
                    String runtimeHost = config.runtimeApiAddress().host();
                    if (runtimeHost.equals("0.0.0.0") || runtimeHost.equals("::")) {
                        runtimeHost = "127.0.0.1";
                    }
                    String runtimeApi = runtimeHost + ":" + runtimeServer.actualPort();
                    Sandbox sandbox = new Sandbox(vertx, context, config, stdout, runtimeApi);
                    runtimeRoutes.set(RuntimeApi.router(vertx, sandbox, config.extensionsEnabled()));
                    invokeRoutes.set(InvokeApi.router(vertx, sandbox));
                    Log.always(LogLevel.INFO, "Listening: invoke=" + config.invokeAddress().host() + ":"
                            + invokeServer.actualPort() + " runtime-api=" + runtimeApi);
                    onSignals(context, sandbox, stdout);
                    Reaper.start();
                    sandbox.start();
                })
                .onFailure(e -> {
                    Log.error("cannot listen: " + e.getMessage());
                    System.exit(1);
                });
    }

    /**
     * Netty sizes each socket read from the last ones; after small requests it reads less than a 200-byte
     * request, which then arrives (and is relayed) in two pieces. Reads are pooled slices, so a floor costs
     * nothing; the ceiling lets a large body come in few reads.
     */
    private static void readSizes(HttpConnection connection) {
        if (connection instanceof ConnectionBase base) {
            base.channel().config().setRecvByteBufAllocator(
                    new AdaptiveRecvByteBufAllocator(MIN_READ_BYTES, MIN_READ_BYTES, MAX_CHUNK_BYTES));
        }
    }

    private static void route(AtomicReference<Router> routes, HttpServerRequest req) {
        Router router = routes.get();
        if (router == null) {
            req.response().setStatusCode(503).end();
        } else {
            router.handle(req);
        }
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
