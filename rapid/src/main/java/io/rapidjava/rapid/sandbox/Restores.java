package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.rapid.Log;
import io.rapidjava.rapid.SnapStart;
import io.rapidjava.rapid.runtime.RuntimeCall;
import io.rapidjava.rapid.runtime.RuntimeState;
import java.util.Locale;

/**
 * SnapStart's restore phase (made only when SnapStart is on). There is no memory snapshot: the runtime waits at the
 * snapshot point, in {@code restore/next}, until the first invoke of its generation is taken; then the restore
 * answers that call, the runtime runs its after-restore hooks, and its first {@code next} ends the restore, limited
 * by the restore timeout. Only then is the invoke delivered. A restore that fails refuses that invoke as Lambda's
 * Invoke does ({@code SnapStartException}, {@code SnapStartTimeoutException}) and ends the generation, so the next
 * invoke initialises again. Event-loop confined.
 */
final class Restores {

    static final String RESTORE_ERROR = "SnapStartException";
    static final String RESTORE_TIMEOUT = "SnapStartTimeoutException";

    private final Sandbox sandbox;
    private final SnapStart config;
    /** Restores that succeeded so far: until there are {@link SnapStart#restores()}, each is of a fresh init. */
    private int restored;

    Restores(Sandbox sandbox, SnapStart config) {
        this.sandbox = sandbox;
        this.config = config;
    }

    /** The generation's restore, before its runtime can reach the snapshot point. */
    void prepare(Generation g) {
        g.restore = new Restore();
    }

    /**
     * Whether the invoke taken must wait for the generation's restore before it is delivered: the restore starts
     * here, with the generation's first invoke.
     */
    boolean holdsDispatch(Invoke inv, Generation g) {
        Restore r = g == null ? null : g.restore;
        if (r == null || r.over || g.ended || inv == null || inv.stage() != InvokeStage.TAKEN
                || sandbox.state != SandboxState.INVOKING) {
            return false;
        }
        if (!r.started) {
            start(g, r, inv);
        }
        return !r.over;
    }

    /** The runtime waits in {@code restore/next}: the snapshot point, or again after its client gave up the call. */
    void parked(Generation g, RestoreNextCall call) {
        g.restore.parked = call;
        if (g.restore.started) {
            release(g, g.restore);
        }
    }

    /** Whether the generation is restoring: a fatal error now is the restore's. */
    boolean running(Generation g) {
        return g != null && g.restore != null && g.restore.started && !g.restore.over;
    }

    /** The runtime asked for its first event after {@code restore/next}: its after-restore hooks are done. */
    void restored(Generation g) {
        Restore r = g.restore;
        if (r == null || !r.started || r.over) {
            return;
        }
        end(g, r, "success", null);
        restartClock();
        counted();
        sandbox.invokes.dispatch();
    }

    /**
     * The restore failed: the runtime reported an error ({@code restore/error}, or {@code init/error} while
     * restoring), a process exited, or the restore timeout passed ({@code timeout}).
     */
    void failed(Generation g, Fault fault, boolean timeout) {
        Restore r = g.restore;
        if (r == null || !r.started || r.over || g.ended) {
            return;
        }
        String type = timeout ? null : fault.type().name();
        end(g, r, timeout ? "timeout" : "error", type);
        Log.error("Restore failed: " + fault.type() + ": " + fault.message());
        sandbox.fatalError(fault);
        Invoke inv = sandbox.invokes.current();
        sandbox.endGeneration(g, timeout ? "timeout" : "failure");
        if (inv != null && inv.stage() == InvokeStage.TAKEN) {
            if (timeout) {
                sandbox.invokes.refuseUndelivered(inv, 408, RESTORE_TIMEOUT,
                        "The snapshot was not restored within the restore timeout ("
                                + config.restoreTimeout().toMillis() + " ms)");
            } else {
                sandbox.invokes.refuseUndelivered(inv, 400, RESTORE_ERROR,
                        "The function's after-restore hooks failed with " + type + ": see its log");
            }
        }
    }

    /** The first REPORT after a successful restore names its duration; null for every other. */
    Double reportOnce(Generation g) {
        Restore r = g == null ? null : g.restore;
        if (r == null || r.durationMs == null || r.durationReported) {
            return null;
        }
        r.durationReported = true;
        return r.durationMs;
    }

    private void start(Generation g, Restore r, Invoke held) {
        r.started = true;
        r.startNanos = System.nanoTime();
        Log.info("RESTORE START");
        sandbox.emit(null, new PlatformEvent.RestoreStart(PlatformEvent.now(), sandbox.config.runtimeVersion(),
                sandbox.runtimeVersionArn()));
        r.timer = sandbox.vertx.setTimer(config.restoreTimeout().toMillis(), id -> failed(g,
                Fault.of(ErrorType.SANDBOX_TIMEDOUT, "Restore phase timed out after "
                        + config.restoreTimeout().toMillis() + " ms"), true));
        if (g.machine.state() == RuntimeState.Ready) {
            // the runtime went straight to next: it has no hooks to run, the restore is done
            end(g, r, "success", null);
            counted();
        } else {
            sandbox.invokes.clock.hold(held);
            release(g, r);
        }
    }

    /** The invoke the restore held counts its duration and function timeout from the restore's end. */
    private void restartClock() {
        Invoke inv = sandbox.invokes.current();
        if (inv != null && inv.stage() == InvokeStage.TAKEN) {
            sandbox.invokes.clock.start(inv);
        }
    }

    /** A restore succeeded; while fewer than asked for, the next is of a fresh init, once this invoke is done. */
    private void counted() {
        if (++restored < config.restores()) {
            // no snapshot to restore from again: the sandbox spins down and initialises anew
            sandbox.resetWhenIdle("spindown");
        }
    }

    /** Answers the parked {@code restore/next}, once the runtime is there (a call it gave up is not answered). */
    private static void release(Generation g, Restore r) {
        RestoreNextCall call = r.parked;
        if (call == null || call.closed() || !g.machine.apply(RuntimeCall.RESTORE_RELEASE).allowed()) {
            return;
        }
        r.parked = null;
        call.release();
    }

    private void end(Generation g, Restore r, String status, String errorType) {
        r.over = true;
        sandbox.cancel(r.timer);
        double durationMs = Sandbox.millisSince(r.startNanos);
        if (status.equals("success")) {
            r.durationMs = durationMs;
        }
        sandbox.emit(null, new PlatformEvent.RestoreRuntimeDone(PlatformEvent.now(), status, errorType));
        sandbox.emit(null, new PlatformEvent.RestoreReport(PlatformEvent.now(), durationMs, status, errorType));
        Log.info("RESTORE REPORT(status: " + status + ", durationMs: "
                + String.format(Locale.ROOT, "%.3f", durationMs) + ")");
    }
}
