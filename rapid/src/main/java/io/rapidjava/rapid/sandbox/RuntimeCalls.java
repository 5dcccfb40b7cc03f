package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.Limits;
import io.rapidjava.rapid.runtime.RuntimeCall;
import io.rapidjava.rapid.runtime.RuntimeState;
import io.rapidjava.rapid.runtime.RuntimeStateMachine;
import io.rapidjava.rendering.JsonTree;
import io.vertx.core.buffer.Buffer;

/**
 * The Runtime API's calls as the core takes them, once the adapter has parsed them: each moves the runtime's state
 * machine (or is refused by it) and answers through its port. Event-loop confined.
 */
public final class RuntimeCalls {

    private final Sandbox sandbox;
    /** The concurrent mode's invoke calls; null in the default mode. */
    private final ConcurrentCalls concurrent;

    RuntimeCalls(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.concurrent = sandbox.invokes.concurrent == null ? null
                : new ConcurrentCalls(sandbox, sandbox.invokes.concurrent.timedOut);
    }

    /** {@code GET /runtime/invocation/next}: parks the call until an invoke is released to it. */
    public void next(NextCall call) {
        if (concurrent != null) {
            concurrent.next(call);
            return;
        }
        Generation g = sandbox.gen;
        Invokes invokes = sandbox.invokes;
        if (g != null && !g.ended && g.machine.state() == RuntimeState.Ready
                && (g.parkedNext == null || g.parkedNext.closed())) {
            // The runtime asks again after its client gave up on the long poll (a read timeout), or after the event
            // released to it was withdrawn: the new call takes the old one's place.
            park(g, call);
            if (invokes.current() == null) {
                invokes.pump();
            } else {
                invokes.dispatch();
            }
            return;
        }
        RuntimeStateMachine.Transition t = transition(g, RuntimeCall.NEXT, call::refuse);
        if (t == null) {
            return;
        }
        if (t.from() == RuntimeState.Running) {
            invokes.deliver(invokes.current(), call);
            return;
        }
        park(g, call);
        if (sandbox.state == SandboxState.SHUTTING_DOWN) {
            return;
        }
        if (t.from() == RuntimeState.Started) {
            initReached(g);
        } else if (t.from() == RuntimeState.Restoring) {
            sandbox.restores.restored(g);
        } else {
            invokes.runtimeBack();
        }
    }

    /** The runtime's init is done: its first {@code next}, or (SnapStart) its {@code restore/next}. */
    void initReached(Generation g) {
        g.runtimeReady = true;
        g.extensions.closeRegistration();
        sandbox.inits.runtimeDone(g, "success", null);
        sandbox.inits.checkDone(g);
    }

    private static void park(Generation g, NextCall call) {
        if (g.parkedNext != null) {
            g.parkedNext.reset();
        }
        g.parkedNext = call;
        call.onClosed(() -> {
            if (g.parkedNext == call) {
                g.parkedNext = null;
            }
        });
    }

    /** {@code POST /runtime/invocation/{id}/response}; {@code mode} is the response mode header, or null. */
    public void response(String requestId, String mode, RuntimePost post) {
        if (concurrent != null) {
            concurrent.response(requestId, mode, post);
            return;
        }
        Invoke inv = sandbox.invokes.delivered(requestId);
        Generation g = sandbox.gen;
        if (inv == null || g == null || g.ended) {
            post.reply(RuntimeReply.INVALID_REQUEST_ID);
            return;
        }
        boolean streaming = "streaming".equals(mode);
        if (mode != null && !mode.isEmpty() && !streaming) {
            RuntimeStateMachine.Transition t = g.machine.apply(RuntimeCall.ERROR);
            if (!t.allowed()) {
                post.reply(RuntimeReply.forbidden(t.from().name(), RuntimeState.InvocationResponse.name()));
                return;
            }
            g.machine.apply(RuntimeCall.RESPONSE_SENT);
            post.reply(RuntimeReply.INVALID_RESPONSE_MODE);
            Fault fault = Fault.of(ErrorType.RUNTIME_INVALID_RESPONSE_MODE_HEADER, "Invalid function response mode: " + mode);
            sandbox.invokes.runtimeDone(inv, "error", fault.type().name());
            inv.answerFault(fault);
            return;
        }
        if (transition(g, RuntimeCall.RESPONSE, post::reply) == null) {
            return;
        }
        new ResponseRelay(sandbox.vertx, inv, new MachineSide(g, inv), post, streaming,
                sandbox.config.streamedResponseLimit(), errorType -> sandbox.invokes.runtimeDone(inv, errorType == null ? "success" : "error", errorType))
                .start();
    }

    /** {@code POST /runtime/invocation/{id}/error}; {@code reportedType} is the runtime's error type header. */
    public void error(String requestId, String reportedType, RuntimePost post) {
        if (concurrent != null) {
            concurrent.error(requestId, reportedType, post);
            return;
        }
        Invoke inv = sandbox.invokes.delivered(requestId);
        Generation g = sandbox.gen;
        if (inv == null || g == null || g.ended) {
            post.reply(RuntimeReply.INVALID_REQUEST_ID);
            return;
        }
        if (transition(g, RuntimeCall.ERROR, post::reply) == null) {
            return;
        }
        ErrorReport.relay(sandbox, inv, new MachineSide(g, inv), reportedType, post);
    }

    /** {@code POST /runtime/init/error}: fails the init at once with the runtime's own error. */
    public void initError(String reportedType, RuntimePost post) {
        Generation g = sandbox.gen;
        RuntimeStateMachine.Transition t = transition(g, RuntimeCall.INIT_ERROR, post::reply);
        if (t == null) {
            return;
        }
        if (t.to() == RuntimeState.RuntimeRestoreErrorState) {
            sandbox.restoreCalls.reported(g, reportedType, post);
            return;
        }
        ErrorType type = ErrorType.fromRuntime(reportedType);
        Bounded.read(post.body(), post.declaredLength(), Limits.MAX_PAYLOAD_BYTES).onComplete(ar -> {
            Buffer body = ar.succeeded() ? ar.result() : Buffer.buffer();
            if (ar.failed() && ar.cause() instanceof Bounded.TooLarge) {
                post.reply(RuntimeReply.tooLarge(Limits.MAX_PAYLOAD_BYTES));
                post.discardRest();
            } else {
                post.reply(RuntimeReply.ACCEPTED);
            }
            String contentType = looksLikeJson(body) ? "application/json" : "application/octet-stream";
            Invokes.PostedError posted = body.length() == 0 ? null : new Invokes.PostedError(body, contentType);
            sandbox.inits.runtimeDone(g, "error", type.name());
            sandbox.inits.failed(g, Fault.of(type, "Runtime reported an init error"), posted);
        });
    }

    /** Applies a runtime call; when the generation is gone or the call is not allowed, refuses it and returns null. */
    static RuntimeStateMachine.Transition transition(Generation g, RuntimeCall call,
                                                             java.util.function.Consumer<RuntimeReply> refuse) {
        if (g == null || g.ended) {
            RuntimeState from = g == null ? RuntimeState.Started : g.machine.state();
            refuse.accept(RuntimeReply.forbidden(from.name(), call.target().name()));
            return null;
        }
        RuntimeStateMachine.Transition t = g.machine.apply(call);
        if (!t.allowed()) {
            refuse.accept(RuntimeReply.forbidden(t.from().name(), t.to().name()));
            return null;
        }
        return t;
    }

    private static boolean looksLikeJson(Buffer body) {
        try {
            JsonTree.first(body.getBytes());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
