package io.rapidjava.rapid;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.SandboxConfig;
import io.rapidjava.interop.SandboxRefusal;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.rapid.control.FunctionInit;
import io.rapidjava.rapid.control.SandboxHost;
import io.rapidjava.rapid.embed.InteropSandbox;
import io.rapidjava.rapid.http.LateRoutes;
import io.rapidjava.rapid.http.RuntimeApi;
import io.rapidjava.rapid.metrics.MeteredSandbox;
import io.rapidjava.rapid.process.Signals;
import io.rapidjava.rapid.sandbox.Sandbox;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * The daemon as host of its one sandbox: built at start-up (eager init), or when the control API binds a function
 * (deferred init); the front-ends reach it through here, and a shutdown (asked by a signal or the control API, or
 * for a failed init with {@code --exit-on-init-failure}) ends the daemon with the exit code that says how it went.
 * Event-loop confined, but for {@link #exitNow}.
 */
final class DaemonHost implements SandboxHost {

    private final Vertx vertx;
    private final Context context;
    private final Config config;
    private final Stdout stdout;
    private final String runtimeApi;
    private final LateRoutes runtimeRoutes;
    /** Meters each sandbox bound; null when no metrics are exported (a JDK type: no metrics class is loaded). */
    private final Consumer<MeteredSandbox> meters;
    private Sandbox core;
    private InteropSandbox sandbox;
    private boolean stopping;

    DaemonHost(Vertx vertx, Context context, Config config, Stdout stdout, String runtimeApi,
               LateRoutes runtimeRoutes, Consumer<MeteredSandbox> meters) {
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.stdout = stdout;
        this.runtimeApi = runtimeApi;
        this.runtimeRoutes = runtimeRoutes;
        this.meters = meters;
    }

    /** Eager mode: the sandbox of the configured function, its init started. */
    void startEager() {
        bind(config, true).start();
    }

    private Sandbox bind(Config c, boolean eager) {
        core = new Sandbox(vertx, context, c, c.logging().printedTo(stdout::line, c.function(),
                c.initializationType()), runtimeApi);
        if (c.exitOnInitFailure()) {
            core.subscribe(event -> {
                if (event instanceof PlatformEvent.InitReport report && !report.status().equals("success")) {
                    // after the core's own reaction to the failure (its reset), not inside it
                    context.runOnContext(v -> stopAfterInitFailure());
                }
            });
        }
        TelemetryFeed telemetry = c.extensionsEnabled()
                ? TelemetryFeed.attach(vertx, core, c.function(), core.jsonLogs()) : null;
        runtimeRoutes.set(RuntimeApi.router(vertx, core, telemetry));
        sandbox = new InteropSandbox(context, core, eager);
        if (meters != null) {
            meters.accept(new MeteredSandbox(c.function(), core, sandbox, telemetry));
        }
        return core;
    }

    /** The bound sandbox's core, or null before a deferred init. */
    Sandbox core() {
        return core;
    }

    @Override
    public boolean deferred() {
        return config.initMode() == Config.InitMode.DEFERRED;
    }

    @Override
    public CompletionStage<PlatformEvent.InitReport> init(FunctionInit init) {
        if (!deferred() || sandbox != null) {
            return CompletableFuture.failedStage(new SandboxRefusal("Sandbox.AlreadyInitialized",
                    "A function is bound already."));
        }
        SandboxConfig s = config.sandbox();
        bind(config.with(s.withFunction(init.applyTo(s.function()))
                .withEnvironment(init.environmentOver(s.environment()))), false);
        return sandbox.init();
    }

    @Override
    public io.rapidjava.interop.Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public String unavailable() {
        return stopping ? "shutting down" : null;
    }

    @Override
    public void exit(ShutdownSummary summary) {
        exitWith(ExitCode.after(summary));
    }

    @Override
    public void exitFailed() {
        exitWith(ExitCode.FAILED);
    }

    /** The first SIGTERM or SIGINT: the shutdown sequence (reason {@code spindown}), then the exit it earned. */
    void stopOnSignal() {
        stopping = true;
        if (core == null) {
            exitWith(ExitCode.CLEAN);
            return;
        }
        core.shutdown("spindown").onComplete(ar -> {
            if (ar.failed()) {
                Log.error("The shutdown failed: " + ar.cause());
            }
            exitWith(ar.succeeded() ? ExitCode.after(ar.result()) : ExitCode.FAILED);
        });
    }

    /** With {@code --exit-on-init-failure}: a failed init is the end; its generation is being stopped already. */
    private void stopAfterInitFailure() {
        if (stopping) {
            return;
        }
        stopping = true;
        Log.error("Init failed and --exit-on-init-failure is set: the daemon stops");
        core.shutdown("failure").onComplete(ar -> exitWith(ExitCode.INIT_FAILED));
    }

    /** Sends {@code signal} to the runtime's process group; false when none runs. */
    boolean signalRuntime(int signal) {
        return core != null && core.signalRuntime(signal);
    }

    /**
     * Vert.x is closed first: the JVM's exit waits for threads in native code, such as an event loop in
     * epoll_wait (bin/jvm-options bounds that wait to 10 ms, for the threads that block in a read for good).
     */
    private void exitWith(int code) {
        stopping = true;
        vertx.close().onComplete(ar -> Thread.ofPlatform().start(() -> {
            stdout.flush(1000);
            System.exit(code);
        }));
    }

    /**
     * A second SIGTERM or SIGINT cut the shutdown short: every process group and process the daemon started is
     * SIGKILLed, what is queued for stdout and stderr written (bounded), and the JVM halted, its exit hooks
     * skipped. Any thread, even while the event loop is busy.
     */
    void exitNow(int code) {
        Signals.killEveryDescendant();
        stdout.flush(1000);
        Runtime.getRuntime().halt(code);
    }
}
