package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.rendering.LogLines;

/** An invoke's function timeout: when it starts, when a restore holds it, and what its running out does. */
final class InvokeClock {

    private final Sandbox sandbox;
    private final Invokes invokes;

    InvokeClock(Sandbox sandbox, Invokes invokes) {
        this.sandbox = sandbox;
        this.invokes = invokes;
    }

    /**
     * The invoke's duration and its function timeout count from now: from when it is taken (an init it waits for
     * counts, as Lambda's suppressed init does), or again once a SnapStart restore is done (Lambda restores before
     * the invoke, within a timeout of its own).
     */
    void start(Invoke inv) {
        sandbox.cancel(inv.timer);
        inv.takenNanos = System.nanoTime();
        long timeoutMs = sandbox.function.timeout().toMillis();
        inv.deadlineEpochMs = System.currentTimeMillis() + timeoutMs;
        inv.timer = sandbox.vertx.setTimer(timeoutMs, id -> ranOut(inv));
    }

    /** The invoke's function timeout does not run while a SnapStart restore holds it (the restore has its own). */
    void hold(Invoke inv) {
        sandbox.cancel(inv.timer);
        inv.timer = -1;
    }

    /** The function timeout passed: the invoke times out, and in the default mode its generation ends. */
    private void ranOut(Invoke inv) {
        if (inv.finished() || !invokes.inFlight(inv) || sandbox.state == SandboxState.SHUTTING_DOWN) {
            return;
        }
        if (invokes.concurrent != null && (inv.delivered() || sandbox.state != SandboxState.INITIALIZING)) {
            invokes.concurrent.timedOut(inv);
            return;
        }
        Generation g = sandbox.gen;
        double timeoutSeconds = sandbox.function.timeout().toMillis() / 1000.0;
        Fault fault = Fault.of(ErrorType.SANDBOX_TIMEDOUT, LogLines.timedOut(timeoutSeconds));
        if (sandbox.state == SandboxState.INITIALIZING && g != null && !g.ended) {
            sandbox.inits.runtimeDone(g, "timeout", null);
            sandbox.emit(null, new PlatformEvent.InitReport(PlatformEvent.now(), g.phase,
                    Sandbox.millisSince(g.initStartNanos), "timeout", null));
        }
        invokes.printStart(inv);
        inv.answerFault(fault);
        sandbox.emit(inv, new PlatformEvent.InvokeTimeout(PlatformEvent.now(), inv.id, timeoutSeconds));
        sandbox.counters.timeouts++;
        sandbox.fatalError(fault);
        if (g != null && !g.ended) {
            sandbox.endGeneration(g, "timeout");
        }
        invokes.finish(inv, "timeout", null);
    }
}
