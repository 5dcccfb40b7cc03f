package io.rapidjava.rapid.embed;

import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.interop.InvokeRequest;
import io.rapidjava.interop.InvokeResult;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import io.rapidjava.interop.Sandbox;
import io.rapidjava.interop.SandboxConfig;
import io.rapidjava.interop.SandboxStatus;
import io.rapidjava.interop.Shutdown;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.rapid.Config;
import io.rapidjava.rapid.Stdout;
import io.rapidjava.rapid.Version;
import io.rapidjava.rapid.http.LateRoutes;
import io.rapidjava.rapid.http.RuntimeApi;
import io.rapidjava.rapid.http.Servers;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * A sandbox run inside a Java host (an extension author's test, a tool): the Runtime and Extensions APIs listen on
 * a free loopback port for the runtime and extensions it launches, and the host drives it through the interop
 * contract, with no invoke front-end. The processes are the host's children; only their own ends are collected, so
 * the host's other children are left to it. The function's log stream is printed on the host's stdout.
 */
public final class EmbeddedSandbox implements Sandbox, AutoCloseable {

    private final Vertx vertx;
    private final Config config;
    private final InteropSandbox sandbox;
    private final String runtimeApi;

    private EmbeddedSandbox(Vertx vertx, Config config, InteropSandbox sandbox, String runtimeApi) {
        this.vertx = vertx;
        this.config = config;
        this.sandbox = sandbox;
        this.runtimeApi = runtimeApi;
    }

    /** Starts Vert.x, the Runtime/Extensions API on 127.0.0.1:0 and the sandbox; with deferInit false, init too. */
    public static EmbeddedSandbox start(SandboxConfig sandbox, boolean deferInit) {
        Config config = Config.embedded(sandbox);
        Vertx vertx = Servers.vertx(false);
        Context context = vertx.getOrCreateContext();
        CompletableFuture<EmbeddedSandbox> started = new CompletableFuture<>();
        context.runOnContext(v -> {
            LateRoutes routes = new LateRoutes();
            Servers.runtimeApi(vertx, config, sandbox.function().timeout(), routes).onSuccess(server -> {
                String address = Servers.reachable(config.runtimeApiAddress().host(), server.actualPort());
                Stdout stdout = new Stdout();
                var core = new io.rapidjava.rapid.sandbox.Sandbox(vertx, context, config,
                        config.logging().printedTo(stdout::line, config.function()), address);
                routes.set(RuntimeApi.router(vertx, core, config.extensionsEnabled()));
                if (!deferInit) {
                    core.start();
                }
                started.complete(new EmbeddedSandbox(vertx, config, new InteropSandbox(context, core, !deferInit),
                        address));
            }).onFailure(started::completeExceptionally);
        });
        try {
            return started.join();
        } catch (RuntimeException e) {
            vertx.close();
            throw e;
        }
    }

    /** The daemon's defaults for this bootstrap command; the working directory is the bootstrap's. */
    public static SandboxConfig defaults(List<String> bootstrap) {
        Path command = Path.of(bootstrap.getFirst()).toAbsolutePath();
        FunctionConfig function = new FunctionConfig("function", "$LATEST", 3008, Duration.ofSeconds(300),
                "us-east-1", "012345678912", "", "/aws/lambda/function", "$LATEST");
        return new SandboxConfig(bootstrap, command.getParent(), Map.copyOf(System.getenv()), null, function,
                "rapid-java:" + Version.VALUE, Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    /** host:port of the Runtime API (what {@code AWS_LAMBDA_RUNTIME_API} is set to). */
    public String runtimeApi() {
        return runtimeApi;
    }

    @Override
    public CompletionStage<PlatformEvent.InitReport> init() {
        return sandbox.init();
    }

    @Override
    public CompletionStage<InvokeResult> invoke(InvokeRequest r) {
        return sandbox.invoke(r);
    }

    @Override
    public CompletionStage<ShutdownSummary> reset(String reason) {
        return sandbox.reset(reason);
    }

    @Override
    public CompletionStage<ShutdownSummary> shutdown(Shutdown s) {
        return sandbox.shutdown(s);
    }

    @Override
    public CompletionStage<SandboxStatus> status() {
        return sandbox.status();
    }

    @Override
    public Subscription subscribe(PlatformListener listener) {
        return sandbox.subscribe(listener);
    }

    /** Shuts down (spindown, within the configured shutdown limit) if not done yet, waits for it, stops Vert.x. */
    @Override
    public void close() {
        try {
            shutdown(new Shutdown("spindown", config.shutdownTimeout())).toCompletableFuture()
                    .get(config.shutdownTimeout().toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // the processes are stopped as far as they could be; Vert.x goes anyway
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
