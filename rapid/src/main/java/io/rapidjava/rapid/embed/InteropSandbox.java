package io.rapidjava.rapid.embed;

import io.rapidjava.interop.InvocationType;
import io.rapidjava.interop.InvokeRequest;
import io.rapidjava.interop.InvokeResult;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import io.rapidjava.interop.Sandbox;
import io.rapidjava.interop.SandboxRefusal;
import io.rapidjava.interop.SandboxStatus;
import io.rapidjava.interop.Shutdown;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.interop.TraceHeader;
import io.rapidjava.rapid.sandbox.Invocation;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The interop contract over the lifecycle core, for hosts in this JVM: an embedding host, the daemon's control API.
 * Calls hop onto the sandbox's context and their stages complete there.
 */
public final class InteropSandbox implements Sandbox {

    private final Context context;
    private final io.rapidjava.rapid.sandbox.Sandbox core;
    private boolean initStarted;
    private CompletableFuture<ShutdownSummary> shutdown;

    /** {@code initStarted}: the core's first init was started already (an eager start). */
    public InteropSandbox(Context context, io.rapidjava.rapid.sandbox.Sandbox core, boolean initStarted) {
        this.context = context;
        this.core = core;
        this.initStarted = initStarted;
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
        QueuedListener queued = new QueuedListener(listener);
        Runnable remove = core.subscribe(queued);
        return () -> {
            remove.run();
            queued.close();
        };
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
