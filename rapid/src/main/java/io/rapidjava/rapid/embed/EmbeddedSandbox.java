package io.rapidjava.rapid.embed;

import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.interop.InvocationType;
import io.rapidjava.interop.InvokeRequest;
import io.rapidjava.interop.InvokeResult;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import io.rapidjava.interop.Sandbox;
import io.rapidjava.interop.SandboxConfig;
import io.rapidjava.interop.SandboxRefusal;
import io.rapidjava.interop.SandboxStatus;
import io.rapidjava.interop.Shutdown;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.interop.TraceHeader;
import io.rapidjava.rapid.Config;
import io.rapidjava.rapid.Stdout;
import io.rapidjava.rapid.Version;
import io.rapidjava.rapid.http.LateRoutes;
import io.rapidjava.rapid.http.RuntimeApi;
import io.rapidjava.rapid.http.Servers;
import io.rapidjava.rapid.sandbox.Invocation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A sandbox run inside a Java host (an extension author's test, a tool): the Runtime and Extensions APIs listen on
 * a free loopback port for the runtime and extensions it launches, and the host drives it through the interop
 * contract, with no invoke front-end. The processes are the host's children; only their own ends are collected, so
 * the host's other children are left to it. The function's log stream is printed on the host's stdout.
 */
public final class EmbeddedSandbox implements Sandbox, AutoCloseable {

    private final Vertx vertx;
    private final Context context;
    private final Config config;
    private final io.rapidjava.rapid.sandbox.Sandbox core;
    private final String runtimeApi;
    private boolean initStarted;
    private CompletableFuture<ShutdownSummary> shutdown;

    private EmbeddedSandbox(Vertx vertx, Context context, Config config, io.rapidjava.rapid.sandbox.Sandbox core,
                            String runtimeApi) {
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.core = core;
        this.runtimeApi = runtimeApi;
    }

    /** Starts Vert.x, the Runtime/Extensions API on 127.0.0.1:0 and the sandbox; with deferInit false, init too. */
    public static EmbeddedSandbox start(SandboxConfig sandbox, boolean deferInit) {
        Config config = Config.embedded(sandbox);
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
                .setInternalBlockingPoolSize(1));
        Context context = vertx.getOrCreateContext();
        CompletableFuture<EmbeddedSandbox> started = new CompletableFuture<>();
        context.runOnContext(v -> {
            LateRoutes routes = new LateRoutes();
            Servers.runtimeApi(vertx, config, sandbox.function().timeout(), routes).onSuccess(server -> {
                String address = Servers.reachable(config.runtimeApiAddress().host(), server.actualPort());
                Stdout stdout = new Stdout();
                var core = new io.rapidjava.rapid.sandbox.Sandbox(vertx, context, config,
                        io.rapidjava.rapid.sandbox.Sandbox.printedBy(stdout::line), address);
                routes.set(RuntimeApi.router(vertx, core, config.extensionsEnabled()));
                EmbeddedSandbox s = new EmbeddedSandbox(vertx, context, config, core, address);
                if (!deferInit) {
                    s.initStarted = true;
                    core.start();
                }
                started.complete(s);
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
        return onLoop(() -> {
            if (initStarted) {
                return Future.failedFuture(new SandboxRefusal("Sandbox.AlreadyInitialized",
                        "The sandbox was initialised already"));
            }
            initStarted = true;
            io.vertx.core.Promise<PlatformEvent.InitReport> report = io.vertx.core.Promise.promise();
            Runnable[] unsubscribe = new Runnable[1];
            unsubscribe[0] = core.subscribe(event -> {
                if (event instanceof PlatformEvent.InitReport r && report.tryComplete(r)) {
                    context.runOnContext(x -> unsubscribe[0].run());
                }
            });
            core.start();
            return report.future();
        });
    }

    @Override
    public CompletionStage<InvokeResult> invoke(InvokeRequest r) {
        FlowInvoker invoker = new FlowInvoker(context, r.payload());
        context.runOnContext(v -> {
            if (r.type() == InvocationType.DRY_RUN) {
                invoker.answer(new io.rapidjava.rapid.sandbox.Answer(r.requestId(), core.executedVersion(),
                        InvokeResult.Outcome.ACCEPTED, 204, null, null, List.of(), null));
                return;
            }
            String trace = r.traceId() == null || r.traceId().isEmpty()
                    ? TraceHeader.generate(System.currentTimeMillis() / 1000) : r.traceId();
            core.invokes().submit(new Invocation(r.requestId(), r.type(), r.tailLogs(), trace, r.clientContext(),
                    r.cognitoIdentity()), invoker);
        });
        return invoker.result();
    }

    @Override
    public CompletionStage<ShutdownSummary> reset(String reason) {
        return onLoop(() -> core.reset(reason));
    }

    @Override
    public CompletionStage<ShutdownSummary> shutdown(Shutdown s) {
        return onLoop(() -> {
            if (shutdown == null) {
                shutdown = core.shutdown(s.reason(), s.deadline()).toCompletionStage().toCompletableFuture();
            }
            return Future.fromCompletionStage(shutdown);
        });
    }

    @Override
    public CompletionStage<SandboxStatus> status() {
        return onLoop(() -> Future.succeededFuture(core.status()));
    }

    @Override
    public Subscription subscribe(PlatformListener listener) {
        Runnable remove = core.subscribe(listener);
        return remove::run;
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

    /** Runs a step on the sandbox's context; its stage completes there. */
    private <T> CompletionStage<T> onLoop(Supplier<Future<T>> step) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                step.get().onComplete(ar -> {
                    if (ar.succeeded()) {
                        result.complete(ar.result());
                    } else {
                        result.completeExceptionally(ar.cause());
                    }
                });
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result;
    }
}
