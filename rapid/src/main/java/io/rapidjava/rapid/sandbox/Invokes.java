package io.rapidjava.rapid.sandbox;

import io.rapidjava.extensions.EventType;
import io.rapidjava.extensions.Extension;
import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.rapid.Log;
import io.rapidjava.rapid.runtime.RuntimeCall;
import io.rapidjava.rendering.Events;
import io.rapidjava.rendering.LogLines;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The invokes of a sandbox: the ones waiting in the {@link Intake}, the ones in flight by request id (one at a
 * time in this mode), their dispatch to the runtime, deadlines, failures and REPORTs. Event-loop confined.
 */
public final class Invokes {

    private final Sandbox sandbox;
    final Intake intake;
    final Arrivals arrivals;
    private final Map<String, Invoke> inFlight = new LinkedHashMap<>(4);
    private final Reports reports;
    /** The invoke whose Tail gets the processes' lines; read by their pumps. */
    volatile Invoke logging;

    Invokes(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.arrivals = new Arrivals(sandbox, this);
        this.reports = new Reports(sandbox);
        this.intake = new Intake(sandbox.vertx, sandbox.config.maxQueuedInvokes(), sandbox.config.maxQueuedBytes(),
                sandbox.config.bodyTimeout().toMillis(), arrivals::eventRead, arrivals::eventFailed);
    }

    /** A body the runtime posted to {@code /init/error}: given verbatim to the invoker. */
    record PostedError(Buffer body, String contentType) {
    }

    /** The invoke in flight, in this one-at-a-time mode; null when none. */
    Invoke current() {
        return inFlight.isEmpty() ? null : inFlight.values().iterator().next();
    }

    /** Whether {@code inv} is the one in flight under its request id. */
    boolean inFlight(Invoke inv) {
        return inFlight.get(inv.id) == inv;
    }

    /** The invoke in flight with this request id, once delivered to the runtime; else null. */
    Invoke delivered(String requestId) {
        Invoke inv = inFlight.get(requestId);
        return inv != null && inv.delivered() ? inv : null;
    }

    List<String> inFlightIds() {
        return List.copyOf(inFlight.keySet());
    }

    int queued() {
        return intake.size();
    }

    /** Completes once every invoke closed so far has its REPORT out (it waits for the runtime's last lines). */
    Future<Void> reported() {
        return reports.reported();
    }

    /** Accepts an invoke from a front-end (see {@link Arrivals#submit}). */
    public void submit(Invocation what, Invoker invoker) {
        arrivals.submit(what, invoker);
    }

    boolean idle() {
        return inFlight.isEmpty();
    }

    // ---- dispatch --------------------------------------------------------------------------------------

    /** The single place that starts the next invoke when the sandbox can take one. */
    void pump() {
        SandboxState state = sandbox.state;
        if (!idle() || state == SandboxState.INITIALIZING || state == SandboxState.RESETTING
                || state == SandboxState.SHUTTING_DOWN) {
            return;
        }
        Invoke inv = intake.firstReadable();
        if (inv == null) {
            inv = streamable();
            if (inv == null) {
                return;
            }
            inv.streamed = true;
        }
        take(inv);
    }

    /** A large event of known length flows to a runtime that is already waiting as it arrives: the oldest one. */
    private Invoke streamable() {
        Invoke oldest = intake.oldest();
        Generation g = sandbox.gen;
        return oldest != null && oldest.event.large() && oldest.event.readStarted() && !oldest.event.failed()
                && sandbox.state == SandboxState.READY && g != null && !g.ended && g.parkedNext != null ? oldest : null;
    }

    private void take(Invoke inv) {
        intake.remove(inv);
        inv.moveTo(InvokeStage.TAKEN);
        inFlight.put(inv.id, inv);
        logging = inv;
        sandbox.counters.invokes++;
        inv.takenNanos = System.nanoTime();
        long timeoutMs = sandbox.function.timeout().toMillis();
        inv.deadlineEpochMs = System.currentTimeMillis() + timeoutMs;
        inv.timer = sandbox.vertx.setTimer(timeoutMs, id -> timedOut(inv));
        if (sandbox.state == SandboxState.FAILED) {
            sandbox.startInit("invoke");
        } else {
            sandbox.move(SandboxState.INVOKING);
            dispatch();
        }
    }

    /** Delivers the invoke in flight once the runtime waits in {@code next} and every INVOKE subscriber is parked. */
    void dispatch() {
        Invoke inv = current();
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
        printStart(inv);
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
        deliver(inv, next);
    }

    /** Sends an invoke into a runtime's {@code next}: again, when a runtime asks while it runs. */
    void deliver(Invoke inv, NextCall next) {
        next.deliver(new NextCall.Delivery(inv.id, inv.deadlineEpochMs, sandbox.function.arn(), inv.traceId,
                inv.clientContext, inv.cognitoIdentity, inv.event.length()));
        inv.event.sendTo(next);
    }

    private void printStart(Invoke inv) {
        if (!inv.started) {
            inv.started = true;
            sandbox.emit(inv, new PlatformEvent.InvokeStart(PlatformEvent.now(), inv.id, sandbox.function.version(),
                    inv.traceId));
        }
    }

    // ---- the lifecycle's moments -----------------------------------------------------------------------

    void initDone() {
        if (!idle()) {
            sandbox.move(SandboxState.INVOKING);
            dispatch();
        } else {
            sandbox.move(SandboxState.READY);
            pump();
        }
    }

    /** The init an invoke waited on failed: it fails with the init's error, or the runtime's own posted one. */
    void initFailed(Fault fault, PostedError posted, boolean timeout) {
        Invoke inv = current();
        if (inv == null || inv.finished()) {
            pump();
            return;
        }
        printStart(inv);
        if (posted != null) {
            inv.answerFunctionError(fault.type().name(), posted.contentType(), posted.body());
        } else {
            inv.answerFault(fault);
        }
        finish(inv, timeout ? "timeout" : "error", fault.type().name());
    }

    /** The last generation is stopped: an invoke taken meanwhile initialises the next one. */
    void generationGone() {
        Invoke inv = current();
        if (inv != null && !inv.finished()) {
            sandbox.startInit("invoke");
        } else {
            pump();
        }
    }

    /** The runtime asked for its next event: the invoke it was given is done on its side. */
    void runtimeBack() {
        Invoke inv = current();
        if (inv != null && inv.delivered()) {
            inv.runtimeDoneNanos = System.nanoTime();
            invokeDone();
        } else {
            dispatch();
        }
    }

    /** An extension came back to {@code event/next}. */
    void extensionBack() {
        invokeDone();
        dispatch();
    }

    /**
     * Closes the current invoke once the runtime is back in {@code next} and every INVOKE subscriber is back in
     * {@code event/next}; the time the extensions took after the runtime is the invoke's extension overhead.
     */
    private void invokeDone() {
        Invoke inv = current();
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
        finish(inv, null, null);
    }

    /** The runtime is done with an invoke (answer or error in, or it failed): once per invoke. */
    void runtimeDone(Invoke inv, String status, String errorType) {
        reports.runtimeDone(inv, status, errorType);
    }

    private void timedOut(Invoke inv) {
        if (inv.finished() || inFlight.get(inv.id) != inv || sandbox.state == SandboxState.SHUTTING_DOWN) {
            return;
        }
        Generation g = sandbox.gen;
        double timeoutSeconds = sandbox.function.timeout().toMillis() / 1000.0;
        Fault fault = Fault.of(ErrorType.SANDBOX_TIMEDOUT, LogLines.timedOut(timeoutSeconds));
        if (sandbox.state == SandboxState.INITIALIZING && g != null && !g.ended) {
            sandbox.runtimeDoneWithInit(g, "timeout", null);
            sandbox.emit(null, new PlatformEvent.InitReport(PlatformEvent.now(), g.phase,
                    Sandbox.millisSince(g.initStartNanos), "timeout", null));
        }
        printStart(inv);
        inv.answerFault(fault);
        sandbox.emit(inv, new PlatformEvent.InvokeTimeout(PlatformEvent.now(), inv.id, timeoutSeconds));
        sandbox.counters.timeouts++;
        sandbox.fatalError(fault);
        if (g != null && !g.ended) {
            sandbox.endGeneration(g, "timeout");
        }
        finish(inv, "timeout", null);
    }

    /** Fails the invoke the runtime has (a crash, an extension's error); false when none is delivered. */
    boolean failDelivered(Fault fault) {
        Invoke inv = current();
        if (inv == null || !inv.delivered()) {
            return false;
        }
        fail(inv, fault);
        return true;
    }

    /**
     * A reset ends the generation: an invoke the runtime answered gets its REPORT as usual, one it still runs fails;
     * one not yet delivered waits for the next init.
     */
    void reset(Fault fault) {
        Invoke inv = current();
        if (inv == null || !inv.delivered()) {
            return;
        }
        if (inv.answered()) {
            finish(inv, null, null);
        } else {
            fail(inv, fault);
        }
    }

    /** Fails whatever invoke is in flight (an internal error). */
    void failCurrent(Fault fault) {
        Invoke inv = current();
        if (inv != null && !inv.finished()) {
            fail(inv, fault);
        }
    }

    private void fail(Invoke inv, Fault fault) {
        printStart(inv);
        inv.answerFault(fault);
        sandbox.emit(inv, new PlatformEvent.InvokeFault(PlatformEvent.now(), inv.id, fault.type().name(),
                fault.message()));
        sandbox.fatalError(fault);
        Generation g = sandbox.gen;
        if (g != null && !g.ended) {
            sandbox.endGeneration(g, "failure");
        }
        finish(inv, "error", fault.type().name());
    }

    /** Ends an invoke its function never saw (its SnapStart restore failed): refused, no START, END or REPORT. */
    void refuseUndelivered(Invoke inv, int status, String errorType, String message) {
        if (!inv.moveTo(InvokeStage.FINISHED)) {
            return;
        }
        sandbox.cancel(inv.timer);
        inv.refuse(status, errorType, message);
        inv.releaseBody();
        inFlight.remove(inv.id, inv);
        if (logging == inv) {
            logging = null;
        }
        pump();
    }

    /**
     * Stops for good: waiting invokes are refused; one in flight is refused too, and when START is out (the
     * runtime may have answered and not yet asked again) gets its END and REPORT.
     */
    Future<Void> shutdown() {
        for (Invoke inv : intake.drain()) {
            arrivals.rejectShuttingDown(inv);
        }
        Invoke inv = current();
        if (inv == null || inv.finished()) {
            return Future.succeededFuture();
        }
        boolean answered = inv.answered();
        arrivals.rejectShuttingDown(inv);
        if (!inv.delivered()) {
            return Future.succeededFuture();
        }
        return answered ? finish(inv, null, null) : finish(inv, "error", "Client.ExecutionEnvironmentShutDown");
    }

    /** Closes an invoke (see {@link Reports#close}); then the next one may start. */
    Future<Void> finish(Invoke inv, String status, String errorType) {
        return reports.close(inv, status, errorType, () -> {
            if (inFlight.get(inv.id) == inv) {
                inFlight.remove(inv.id);
            }
            if (logging == inv) {
                logging = null;
            }
            if (sandbox.state == SandboxState.INVOKING) {
                sandbox.move(SandboxState.READY);
            }
            String reset = sandbox.pendingReset;
            sandbox.pendingReset = null;
            if (reset != null && sandbox.state != SandboxState.SHUTTING_DOWN) {
                sandbox.reset(reset);
            }
            pump();
        });
    }
}
