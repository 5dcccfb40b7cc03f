package io.rapidjava.rapid.control;

import io.rapidjava.interop.Sandbox;
import io.rapidjava.interop.SandboxRefusal;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.rapid.control.ControlState.Call;
import io.rapidjava.extensions.Discard;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * The control API for hosts and orchestrators: health, state, a deferred init, invokes, reset and shutdown, JSON in
 * and out. Each call is parsed here, decided by {@link ControlState}, handed to the {@link SandboxHost} or its
 * {@link Sandbox}, and answered through {@link ControlAnswers}. Every handler runs on the daemon's event loop and
 * none blocks it.
 */
public final class ControlApi {

    private static final Map<String, String> ALLOWED = Map.of("/health", "GET", "/state", "GET", "/init", "POST",
            "/invoke", "POST", "/reset", "POST", "/shutdown", "POST");

    private final SandboxHost host;
    private final Handler<RoutingContext> invoke;
    private final Duration shutdownTimeout;
    private final ControlState state;

    private ControlApi(SandboxHost host, Handler<RoutingContext> invoke, Duration shutdownTimeout) {
        this.host = host;
        this.invoke = invoke;
        this.shutdownTimeout = shutdownTimeout;
        this.state = new ControlState(host.deferred());
    }

    /**
     * {@code invoke} is the invoke front-end's own handler, so that {@code POST /invoke} answers exactly as the
     * front-end does; {@code shutdownTimeout} is {@code POST /shutdown}'s deadline when the call names none.
     */
    public static Router router(Vertx vertx, SandboxHost host, Handler<RoutingContext> invoke,
                                Duration shutdownTimeout) {
        ControlApi api = new ControlApi(host, invoke, shutdownTimeout);
        Router router = Router.router(vertx);
        router.route(HttpMethod.GET, "/health").handler(api::health);
        router.route(HttpMethod.GET, "/state").handler(api::state);
        router.route(HttpMethod.POST, "/init").handler(ctx -> RequestBody.read(ctx, body -> api.init(ctx, body)));
        router.route(HttpMethod.POST, "/invoke").handler(api::invoke);
        router.route(HttpMethod.POST, "/reset").handler(ctx -> RequestBody.read(ctx, body -> api.reset(ctx, body)));
        router.route(HttpMethod.POST, "/shutdown")
                .handler(ctx -> RequestBody.read(ctx, body -> api.shutdown(ctx, body)));
        router.errorHandler(404, ctx -> ControlAnswers.error(ctx, 404, "UnknownOperationException",
                "No control call at " + ctx.request().method() + " " + ctx.request().path() + "."));
        router.errorHandler(405, ctx -> {
            String allowed = ALLOWED.get(ctx.request().path().replaceAll("/+$", ""));
            if (allowed != null) {
                ctx.response().putHeader("Allow", allowed);
            }
            ControlAnswers.error(ctx, 405, "MethodNotAllowedException", ctx.request().path() + " takes "
                    + (allowed == null ? "another method" : allowed) + ", not " + ctx.request().method() + ".");
        });
        router.errorHandler(500, ctx -> ControlAnswers.failed(ctx, ctx.failure()));
        return router;
    }

    private void health(RoutingContext ctx) {
        String unavailable = host.unavailable();
        ControlAnswers.health(ctx, unavailable == null && state.shuttingDown() ? "shutting down" : unavailable);
    }

    private void state(RoutingContext ctx) {
        Sandbox sandbox = host.sandbox();
        if (sandbox == null) {
            ControlAnswers.ok(ctx, Views.State.UNINITIALIZED);
            return;
        }
        after(ctx, sandbox::status, (status, failure) -> {
            if (failure != null) {
                ControlAnswers.failed(ctx, failure);
            } else {
                ControlAnswers.ok(ctx, Views.State.of(status));
            }
        });
    }

    private void init(RoutingContext ctx, byte[] body) {
        FunctionInit init;
        try {
            init = FunctionInit.parse(body);
        } catch (BadRequest e) {
            ControlAnswers.failed(ctx, e);
            return;
        }
        if (refused(ctx, Call.INIT)) {
            return;
        }
        after(ctx, () -> host.init(init), (report, failure) -> {
            state.ended(Call.INIT, host.sandbox() != null);
            if (failure != null) {
                ControlAnswers.failed(ctx, failure);
            } else {
                ControlAnswers.init(ctx, report);
            }
        });
    }

    private void invoke(RoutingContext ctx) {
        if (refused(ctx, Call.INVOKE)) {
            Discard.rest(ctx.request());
            return;
        }
        invoke.handle(ctx);
    }

    private void reset(RoutingContext ctx, byte[] body) {
        ResetRequest request;
        try {
            request = ResetRequest.parse(body);
        } catch (BadRequest e) {
            ControlAnswers.failed(ctx, e);
            return;
        }
        if (refused(ctx, Call.RESET)) {
            return;
        }
        Sandbox sandbox = host.sandbox();
        after(ctx, () -> sandbox.reset(request.reason()), (summary, failure) -> {
            state.ended(Call.RESET, true);
            if (failure != null) {
                ControlAnswers.failed(ctx, failure);
            } else {
                ControlAnswers.ok(ctx, Views.Summary.of(summary));
            }
        });
    }

    /** Answered once the sequence is done; the daemon exits once the answer is written (or the caller is gone). */
    private void shutdown(RoutingContext ctx, byte[] body) {
        ShutdownRequest request;
        try {
            request = ShutdownRequest.parse(body, shutdownTimeout);
        } catch (BadRequest e) {
            ControlAnswers.failed(ctx, e);
            return;
        }
        if (refused(ctx, Call.SHUTDOWN)) {
            return;
        }
        Sandbox sandbox = host.sandbox();
        if (sandbox == null) {
            ShutdownSummary nothing = new ShutdownSummary(request.shutdown().reason(), 0, List.of());
            ControlAnswers.ok(ctx, Views.Summary.of(nothing)).onComplete(ar -> host.exit(nothing));
            return;
        }
        after(ctx, () -> sandbox.shutdown(request.shutdown()), (summary, failure) -> {
            if (failure == null) {
                ControlAnswers.ok(ctx, Views.Summary.of(summary)).onComplete(ar -> host.exit(summary));
            } else if (ControlAnswers.cause(failure) instanceof SandboxRefusal) {
                // the sandbox was already stopping (a signal): that shutdown ends the daemon
                ControlAnswers.failed(ctx, failure);
            } else {
                ControlAnswers.failed(ctx, failure).onComplete(ar -> host.exitFailed());
            }
        });
    }

    /** Starts {@code call} in the control state, or answers its refusal ({@code 409}) and returns true. */
    private boolean refused(RoutingContext ctx, Call call) {
        SandboxRefusal refusal = state.start(call, host.sandbox() != null);
        if (refusal != null) {
            ControlAnswers.failed(ctx, refusal);
        }
        return refusal != null;
    }

    /**
     * Runs {@code then} on this handler's event loop once {@code call}'s stage is done, whichever thread completed
     * it; a call or a {@code then} that throws is answered as a failure rather than left hanging.
     */
    private static <T> void after(RoutingContext ctx, Supplier<CompletionStage<T>> call,
                                  BiConsumer<T, Throwable> then) {
        Context loop = Vertx.currentContext();
        CompletionStage<T> stage;
        try {
            stage = call.get();
            if (stage == null) {
                throw new IllegalStateException("the host answered a control call with no stage");
            }
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedStage(e);
        }
        stage.whenComplete((value, failure) -> {
            Runnable answer = () -> {
                try {
                    then.accept(value, failure);
                } catch (RuntimeException bug) {
                    ControlAnswers.failed(ctx, bug);
                }
            };
            if (Vertx.currentContext() == loop) {
                answer.run();
            } else {
                loop.runOnContext(v -> answer.run());
            }
        });
    }
}
