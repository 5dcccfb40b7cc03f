package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.Limits;
import io.rapidjava.rapid.runtime.RuntimeCall;
import io.rapidjava.rapid.runtime.RuntimeState;
import io.rapidjava.rapid.runtime.RuntimeStateMachine;

/**
 * SnapStart's Runtime API calls as the core takes them: {@code restore/next} (the snapshot point) and {@code
 * restore/error}; each moves the runtime's state machine or is refused by it. Made only when SnapStart is on.
 * Event-loop confined.
 */
public final class RestoreCalls {

    private final Sandbox sandbox;
    private final Restores restores;

    RestoreCalls(Sandbox sandbox, Restores restores) {
        this.sandbox = sandbox;
        this.restores = restores;
    }

    /** {@code GET /runtime/restore/next}: the runtime's init is done; it waits here until it is restored. */
    public void next(RestoreNextCall call) {
        Generation g = sandbox.gen;
        if (g != null && !g.ended && g.restore != null && g.machine.state() == RuntimeState.RestoreReady
                && (g.restore.parked == null || g.restore.parked.closed())) {
            // the runtime asks again after its client gave up the call: the new call takes the old one's place
            restores.parked(g, call);
            return;
        }
        RuntimeStateMachine.Transition t = RuntimeCalls.transition(g, RuntimeCall.RESTORE_NEXT, call::refuse);
        if (t == null) {
            return;
        }
        restores.parked(g, call);
        if (sandbox.state != SandboxState.SHUTTING_DOWN) {
            sandbox.runtimeCalls.initReached(g);
        }
    }

    /** {@code POST /runtime/restore/error}: the runtime's after-restore hooks failed. */
    public void error(String reportedType, RuntimePost post) {
        Generation g = sandbox.gen;
        if (RuntimeCalls.transition(g, RuntimeCall.RESTORE_ERROR, post::reply) != null) {
            reported(g, reportedType, post);
        }
    }

    /**
     * The runtime reported its restore failed ({@code restore/error}, or {@code init/error} while restoring, as
     * Lambda takes it); its state machine is already in {@code RuntimeRestoreErrorState}. The body names nothing
     * Lambda shows: it is read (bounded) and dropped.
     */
    void reported(Generation g, String reportedType, RuntimePost post) {
        ErrorType type = ErrorType.fromRuntime(reportedType);
        Bounded.read(post.body(), post.declaredLength(), Limits.MAX_PAYLOAD_BYTES).onComplete(ar -> {
            if (ar.failed() && ar.cause() instanceof Bounded.TooLarge) {
                post.reply(RuntimeReply.tooLarge(Limits.MAX_PAYLOAD_BYTES));
                post.discardRest();
            } else {
                post.reply(RuntimeReply.ACCEPTED);
            }
            restores.failed(g, Fault.of(type, "Runtime reported a restore error"), false);
        });
    }
}
