package io.rapidjava.rapid;

import io.rapidjava.rapid.http.InvokeApi;
import io.rapidjava.rapid.http.LateRoutes;
import io.rapidjava.rapid.http.RuntimeApi;
import io.rapidjava.rapid.http.Servers;
import io.rapidjava.rapid.process.Reaper;
import io.rapidjava.rapid.sandbox.Sandbox;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/** The daemon: one Vert.x event loop, the Runtime API and invoke servers, one sandbox. */
public final class Main {

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
        LateRoutes runtimeRoutes = new LateRoutes();
        Servers.runtimeApi(vertx, config, config.function().timeout(), runtimeRoutes).compose(rs -> {
            String runtimeApi = Servers.reachable(config.runtimeApiAddress().host(), rs.actualPort());
            Stdout stdout = new Stdout();
            Sandbox sandbox = new Sandbox(vertx, context, config, Sandbox.printedBy(stdout::line), runtimeApi);
            runtimeRoutes.set(RuntimeApi.router(vertx, sandbox, config.extensionsEnabled()));
            return Servers.frontEnd(vertx, config, "invoke", config.invokeAddress(), InvokeApi.router(vertx, sandbox))
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
