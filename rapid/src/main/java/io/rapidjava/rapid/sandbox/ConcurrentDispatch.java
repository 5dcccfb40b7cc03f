package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.rendering.LogLines;
import java.util.Collection;

/**
 * How invokes run in the concurrent mode (Lambda Managed Instances): up to N at once, each handed to an idle worker
 * of the runtime's ({@link Workers}) as soon as there is one; no extension holds an invoke (none may subscribe to
 * INVOKE), and a timeout ends that invoke alone, its id kept so that the runtime's late answer is told {@code 410}.
 * Created only in that mode; {@link Invokes} asks it where the default mode's rules differ. Event-loop confined.
 */
final class ConcurrentDispatch {

    /** As many timed-out ids as the emulator keeps. */
    private static final int TIMED_OUT_IDS = 1000;

    private final Sandbox sandbox;
    private final Invokes invokes;
    private final int max;
    final TimedOutIds timedOut = new TimedOutIds(TIMED_OUT_IDS);

    ConcurrentDispatch(Sandbox sandbox, Invokes invokes, int max) {
        this.sandbox = sandbox;
        this.invokes = invokes;
        this.max = max;
    }

    /**
     * Whether one more invoke may be taken, with {@code inFlight} taken and {@code undelivered} of them not handed to
     * a worker yet: while fewer than N run, when a worker is idle for it, or, with no live runtime, to wait for the
     * init it starts (a reset's or the first init keeps them waiting in the queue instead, as the default mode does).
     */
    boolean canTake(int inFlight, int undelivered) {
        if (inFlight >= max) {
            return false;
        }
        Generation g = sandbox.gen;
        return switch (sandbox.state) {
            case FAILED -> true;
            case INITIALIZING -> g != null && g.phase.equals("invoke");
            case READY, INVOKING -> idleWorkers(g) > undelivered;
            default -> false;
        };
    }

    /** Whether a worker waits for an event that is still arriving (it may be streamed to it). */
    boolean workerWaits(int undelivered) {
        SandboxState state = sandbox.state;
        return (state == SandboxState.READY || state == SandboxState.INVOKING)
                && idleWorkers(sandbox.gen) > undelivered;
    }

    private static int idleWorkers(Generation g) {
        return g == null || g.ended || g.workers == null ? 0 : g.workers.idle();
    }

    /** Hands the invokes taken, oldest first, to idle workers, as long as there are both. */
    void dispatch(Collection<Invoke> inFlight) {
        Generation g = sandbox.gen;
        if (sandbox.state != SandboxState.INVOKING || g == null || g.ended || g.workers == null) {
            return;
        }
        for (Invoke inv : inFlight) {
            if (inv.stage() != InvokeStage.TAKEN || !inv.readyToDispatch()) {
                continue;
            }
            NextCall worker = g.workers.take();
            if (worker == null) {
                return;
            }
            worker.onClosed(null);
            inv.moveTo(InvokeStage.DELIVERED);
            invokes.printStart(inv);
            inv.deliveredNanos = System.nanoTime();
            invokes.deliver(inv, worker);
        }
    }

    /**
     * An invoke timed out, delivered or still waiting for a worker: its invoker is told {@code Sandbox.Timedout} and
     * it closes, while the runtime and the other invokes go on; a worker that had it comes back when it is done.
     * (One that waited for an init the invoke started fails that init instead, as in the default mode.)
     */
    void timedOut(Invoke inv) {
        invokes.printStart(inv);
        double timeoutSeconds = sandbox.function.timeout().toMillis() / 1000.0;
        inv.answerFault(Fault.of(ErrorType.SANDBOX_TIMEDOUT, LogLines.timedOut(timeoutSeconds)));
        sandbox.emit(inv, new PlatformEvent.InvokeTimeout(PlatformEvent.now(), inv.id, timeoutSeconds));
        sandbox.counters.timeouts++;
        if (inv.delivered()) {
            timedOut.add(inv.id);
        }
        invokes.finish(inv, "timeout", null);
    }
}
