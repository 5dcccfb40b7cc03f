package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.rapid.Log;
import io.rapidjava.rapid.runtime.RuntimeCall;
import io.rapidjava.rapid.runtime.RuntimeState;

/**
 * The Runtime API's invoke calls in the concurrent mode (spec §1.5, §9): every worker's {@code next} parks as an
 * idle worker, and a response or an error goes to the invoke its request id names, the first of the two winning.
 * The runtime's state machine only orders init: its first {@code next} ends it, and {@code init/error} is allowed
 * before that alone. Created only in that mode. Event-loop confined.
 */
final class ConcurrentCalls {

    /** As many parked {@code next} calls as the emulator keeps. */
    private static final int MAX_IDLE_WORKERS = 10_000;

    private final Sandbox sandbox;
    private final TimedOutIds timedOut;

    ConcurrentCalls(Sandbox sandbox, TimedOutIds timedOut) {
        this.sandbox = sandbox;
        this.timedOut = timedOut;
    }

    void next(NextCall call) {
        Generation g = sandbox.gen;
        RuntimeState state = g == null ? RuntimeState.Started : g.machine.state();
        if (g == null || g.ended || (state != RuntimeState.Started && state != RuntimeState.Ready)) {
            call.refuse(RuntimeReply.forbidden(state.name(), RuntimeState.Ready.name()));
            return;
        }
        boolean first = state == RuntimeState.Started;
        if (first) {
            g.machine.apply(RuntimeCall.NEXT);
        }
        if (g.workers == null) {
            g.workers = new Workers(MAX_IDLE_WORKERS);
        }
        Workers workers = g.workers;
        if (!workers.park(call)) {
            Log.warn("Runtime worker refused: " + MAX_IDLE_WORKERS + " already wait in next");
            call.refuse(RuntimeReply.INTERNAL_ERROR);
            return;
        }
        call.onClosed(() -> workers.remove(call));
        if (sandbox.state == SandboxState.SHUTTING_DOWN) {
            return;
        }
        if (first) {
            sandbox.runtimeCalls.initReached(g);
        } else {
            sandbox.invokes.dispatch();
            sandbox.invokes.pump();
        }
    }

    void response(String requestId, String mode, RuntimePost post) {
        Invoke inv = routed(requestId, false, post);
        if (inv == null) {
            return;
        }
        boolean streaming = "streaming".equals(mode);
        if (mode != null && !mode.isEmpty() && !streaming) {
            inv.responseState = ResponseState.SENT;
            post.reply(RuntimeReply.INVALID_RESPONSE_MODE);
            Fault fault = Fault.of(ErrorType.RUNTIME_INVALID_RESPONSE_MODE_HEADER, "Invalid function response mode: " + mode);
            inv.answerFault(fault);
            sandbox.invokes.runtimeDone(inv, "error", fault.type().name());
            return;
        }
        inv.responseState = ResponseState.RESPONDING;
        new ResponseRelay(sandbox.vertx, inv, new RoutedSide(sandbox.gen, inv, timedOut), post, streaming,
                sandbox.config.streamedResponseLimit(),
                errorType -> sandbox.invokes.runtimeDone(inv, errorType == null ? "success" : "error", errorType))
                .start();
    }

    void error(String requestId, String reportedType, RuntimePost post) {
        Invoke inv = routed(requestId, true, post);
        if (inv == null) {
            return;
        }
        inv.responseState = ResponseState.ERRORING;
        ErrorReport.relay(sandbox, inv, new RoutedSide(sandbox.gen, inv, timedOut), reportedType, post);
    }

    /**
     * The invoke a response or an error names, when the runtime may post it now; else null, the runtime told why:
     * {@code 410} for an invoke that timed out, {@code 400 InvalidRequestID} for an unknown one or one answered.
     */
    private Invoke routed(String requestId, boolean error, RuntimePost post) {
        Invoke inv = sandbox.invokes.delivered(requestId);
        Generation g = sandbox.gen;
        if (inv == null || g == null || g.ended) {
            post.reply(timedOut.consume(requestId) ? RuntimeReply.INVOKE_TIMEOUT : RuntimeReply.INVALID_REQUEST_ID);
            return null;
        }
        String refused = ResponseState.refusal(inv.responseState, error);
        if (refused != null) {
            Log.warn("Runtime " + (error ? "error" : "response") + " for invoke " + requestId + " refused: " + refused);
            post.reply(RuntimeReply.INVALID_REQUEST_ID);
            return null;
        }
        return inv;
    }
}
