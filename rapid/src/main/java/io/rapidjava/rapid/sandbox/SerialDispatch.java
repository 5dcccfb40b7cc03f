package io.rapidjava.rapid.sandbox;

import io.rapidjava.extensions.EventType;
import io.rapidjava.extensions.Extension;
import io.rapidjava.rapid.Log;
import io.rapidjava.rapid.runtime.RuntimeCall;
import io.rapidjava.rendering.Events;
import java.util.List;

/**
 * How invokes run in the default mode: one at a time, delivered once the runtime waits in {@code next} (its state
 * machine releasing it) and every INVOKE subscriber waits in {@code event/next}, which get the INVOKE event; closed
 * once the runtime is back in {@code next} and every subscriber in {@code event/next}. Event-loop confined.
 */
final class SerialDispatch {

    private final Sandbox sandbox;
    private final Invokes invokes;

    SerialDispatch(Sandbox sandbox, Invokes invokes) {
        this.sandbox = sandbox;
        this.invokes = invokes;
    }

    /** Delivers {@code inv}, the invoke in flight, when the runtime and the INVOKE subscribers wait. */
    void dispatch(Invoke inv) {
        Generation g = sandbox.gen;
        if (sandbox.restores != null && sandbox.restores.holdsDispatch(inv, g)) {
            return;
        }
        if (inv == null || inv.stage() != InvokeStage.TAKEN || !inv.readyToDispatch()
                || sandbox.state != SandboxState.INVOKING || g == null || g.parkedNext == null
                || !g.extensions.subscribersParked(EventType.INVOKE)) {
            return;
        }
        if (!g.machine.apply(RuntimeCall.RELEASE).allowed()) {
            return;
        }
        inv.moveTo(InvokeStage.DELIVERED);
        invokes.printStart(inv);
        NextCall next = g.parkedNext;
        g.parkedNext = null;
        next.onClosed(null);
        List<Extension> subscribers = g.extensions.subscribers(EventType.INVOKE);
        if (!subscribers.isEmpty()) {
            byte[] event = Events.invoke(inv.deadlineEpochMs, inv.id, sandbox.function.arn(), inv.traceId);
            for (Extension e : subscribers) {
                e.deliver(event);
            }
        }
        inv.deliveredNanos = System.nanoTime();
        invokes.deliver(inv, next);
    }

    /** The runtime asked for its next event: the invoke it was given ({@code inv}) is done on its side. */
    void runtimeBack(Invoke inv) {
        if (inv != null && inv.delivered()) {
            inv.runtimeDoneNanos = System.nanoTime();
            invokeDone(inv);
        } else {
            dispatch(inv);
        }
    }

    /** An extension came back to {@code event/next}. */
    void extensionBack(Invoke inv) {
        invokeDone(inv);
        dispatch(inv);
    }

    /**
     * Closes the invoke once the runtime is back in {@code next} and every INVOKE subscriber is back in {@code
     * event/next}; the time the extensions took after the runtime is the invoke's extension overhead.
     */
    private void invokeDone(Invoke inv) {
        Generation g = sandbox.gen;
        if (inv == null || inv.finished() || inv.runtimeDoneNanos == 0 || g == null || g.ended
                || !g.extensions.subscribersParked(EventType.INVOKE)) {
            return;
        }
        if (!g.extensions.subscribers(EventType.INVOKE).isEmpty()) {
            inv.extensionOverheadMs = Sandbox.millisSince(inv.runtimeDoneNanos);
            Log.info("INVOKE EXTENSIONS DONE(requestId: " + inv.id + ", extensionOverheadMs: "
                    + String.format(java.util.Locale.ROOT, "%.3f", inv.extensionOverheadMs) + ")");
        }
        invokes.finish(inv, null, null);
    }
}
