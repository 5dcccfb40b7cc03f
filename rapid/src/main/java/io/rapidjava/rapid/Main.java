package io.rapidjava.rapid;

import io.rapidjava.rapid.control.ControlServer;
import io.rapidjava.rapid.http.InvokeApi;
import io.rapidjava.rapid.http.LateRoutes;
import io.rapidjava.rapid.http.Servers;
import io.rapidjava.rapid.metrics.MeteredSandbox;
import io.rapidjava.rapid.metrics.Metrics;
import io.rapidjava.rapid.metrics.MetricsPlugin;
import io.rapidjava.rapid.process.Reaper;
import io.rapidjava.rapid.url.FunctionUrlServer;
import io.rapidjava.rapid.watch.CodeWatcher;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

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
            System.exit(ExitCode.BAD_CONFIGURATION);
            return;
        }
        Log.level(config.logLevel());
        LibraryLog.install(config.logLevel());
        EagerResources.load();
        Vertx vertx = Servers.vertx(config.functionUrlAddress() != null);
        Context context = vertx.getOrCreateContext();
        if (config.metrics() == null) {
            context.runOnContext(v -> start(vertx, context, config, null, ""));
        } else {
            startWithMetrics(vertx, context, config);
        }
    }

    /**
     * Loads the metrics plug-in (a missing one: exit 1) and starts it first, so that a metrics port in use stops the
     * daemon (exit 2, a bad configuration) before anything is launched. Nothing else names the plug-in's types, so
     * a daemon without metrics loads none of them.
     */
    private static void startWithMetrics(Vertx vertx, Context context, Config config) {
        Metrics metrics;
        try {
            metrics = MetricsPlugin.load();
        } catch (IOException | RuntimeException | LinkageError e) {
            System.err.println("rapid: cannot load the metrics: " + e.getMessage());
            System.exit(ExitCode.FAILED);
            return;
        }
        context.runOnContext(v -> metrics.start(vertx, config).onComplete(started -> {
            if (started.failed()) {
                System.err.println("rapid: " + started.cause().getMessage());
                System.exit(ExitCode.BAD_CONFIGURATION);
                return;
            }
            int port = started.result();
            start(vertx, context, config, metrics::bind,
                    port < 0 ? "" : " metrics=" + config.metrics().scrapeAddress().host() + ":" + port);
        }));
    }

    /**
     * The Runtime API listens first (the sandbox needs its port), then the sandbox and both routers are built,
     * then the invoke port opens with its routes in place, so an invoke that arrives at once waits in the
     * sandbox's queue for init instead of being refused; the runtime is launched last.
     */
    private static void start(Vertx vertx, Context context, Config config, Consumer<MeteredSandbox> meters,
                              String metricsPort) {
        LateRoutes runtimeRoutes = new LateRoutes();
        // a deferred init may bind any function timeout Lambda allows
        Duration longestInvoke = config.initMode() == Config.InitMode.DEFERRED
                ? Duration.ofSeconds(ConfigParser.MAX_FUNCTION_TIMEOUT_S) : config.function().timeout();
        Servers.runtimeApi(vertx, config, longestInvoke, runtimeRoutes).compose(rs -> {
            String runtimeApi = Servers.reachable(config.runtimeApiAddress().host(), rs.actualPort());
            Stdout stdout = new Stdout();
            DaemonHost host = new DaemonHost(vertx, context, config, stdout, runtimeApi, runtimeRoutes, meters);
            var invoke = InvokeApi.handler(host::core, config.function().version());
            return Servers.frontEnd(vertx, config, "invoke", config.invokeAddress(),
                            InvokeApi.routes(vertx, host::core, config.function().version()))
                    .compose(is -> (config.controlAddress() == null ? Future.succeededFuture("")
                            : ControlServer.start(vertx, config, host, invoke)
                                    .map(cs -> " control=" + config.controlAddress().host() + ":" + cs.actualPort()))
                            .compose(control -> functionUrl(vertx, context, config, host).map(control::concat))
                            .onSuccess(more -> {
                                Log.always(LogLevel.INFO, "Listening: invoke=" + config.invokeAddress().host() + ":"
                                        + is.actualPort() + " runtime-api=" + runtimeApi + more + metricsPort);
                                listenForSignals(context, host);
                                Reaper.start();
                                if (config.watch()) {
                                    watch(context, config, host);
                                }
                                if (!host.deferred()) {
                                    host.startEager();
                                }
                            }));
        }).onFailure(e -> {
            Log.error("cannot listen: " + e.getMessage());
            System.exit(ExitCode.FAILED);
        });
    }

    /** The Function URL's server, only when its address is configured (off, none of its classes is loaded). */
    private static Future<String> functionUrl(Vertx vertx, Context context, Config config, DaemonHost host) {
        if (config.functionUrlAddress() == null) {
            return Future.succeededFuture("");
        }
        return FunctionUrlServer.start(vertx, context, config, host::core)
                .map(s -> " function-url=" + config.functionUrlAddress().host() + ":" + s.actualPort());
    }

    /** Hot reload, only with {@code --watch}. */
    private static void watch(Context context, Config config, DaemonHost host) {
        List<Path> roots = CodeWatcher.roots(config);
        try {
            CodeWatcher.start(roots, host::core, change -> context.runOnContext(v -> change.run()));
        } catch (IOException e) {
            Log.error("cannot watch " + roots + ": " + e.getMessage());
            System.exit(ExitCode.FAILED);
        }
        Log.info("Watching " + roots + " for changes");
    }

    private static void listenForSignals(Context context, DaemonHost host) {
        try {
            DaemonSignals.listen(context, host);
        } catch (IOException e) {
            Log.error(e.getMessage());
            System.exit(ExitCode.FAILED);
        }
    }
}
