package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.PlatformEvent;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The invokes of a sandbox: the ones waiting in the {@link Intake}, the ones in flight by request id (one at a
 * time in the default mode, up to N in the concurrent one, see {@link ConcurrentDispatch}), their dispatch to the
 * runtime, deadlines, failures and REPORTs. Event-loop confined.
 */
public final class Invokes {

    private final Sandbox sandbox;
    final Intake intake;
    final Arrivals arrivals;
    private final Map<String, Invoke> inFlight = new LinkedHashMap<>(4);
    private final Reports reports;
    /** The concurrent mode's rules; null in the default mode, whose rules {@link #serial} has. */
    final ConcurrentDispatch concurrent;
    private final SerialDispatch serial;
    final InvokeClock clock;
    /** The invoke whose Tail gets the processes' lines (none when invokes run concurrently); read by their pumps. */
    volatile Invoke logging;

    Invokes(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.concurrent = sandbox.config.concurrent()
                ? new ConcurrentDispatch(sandbox, this, sandbox.config.maxConcurrency()) : null;
        this.serial = concurrent == null ? new SerialDispatch(sandbox, this) : null;
        this.arrivals = new Arrivals(sandbox, this);
        this.reports = new Reports(sandbox);
        this.clock = new InvokeClock(sandbox, this);
        this.intake = new Intake(sandbox.vertx, sandbox.config.maxQueuedInvokes(), sandbox.config.maxQueuedBytes(),
                sandbox.config.bodyTimeout().toMillis(), arrivals::eventRead, arrivals::eventFailed);
    }

    /** A body the runtime posted to {@code /init/error}: given verbatim to the invoker. */
    record PostedError(Buffer body, String contentType) {
    }

    /** The invoke in flight in the default, one-at-a-time mode (the oldest in the concurrent one); null when none. */
    Invoke current() {
        return inFlight.isEmpty() ? null : inFlight.values().iterator().next();
    }

    /** The invokes in flight not closed yet, oldest first: a copy, as closing one changes the map. */
    private List<Invoke> open() {
        List<Invoke> open = new ArrayList<>(inFlight.size());
        for (Invoke inv : inFlight.values()) {
            if (!inv.finished()) {
                open.add(inv);
            }
        }
        return open;
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

    /** The single place that starts the next invokes, as many as the sandbox can take. */
    void pump() {
        while (canTake()) {
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
    }

    /** Whether the sandbox can take one more invoke now. */
    boolean canTake() {
        SandboxState state = sandbox.state;
        if (state == SandboxState.RESETTING || state == SandboxState.SHUTTING_DOWN) {
            return false;
        }
        if (concurrent != null) {
            return concurrent.canTake(inFlight.size(), undelivered());
        }
        return idle() && state != SandboxState.INITIALIZING;
    }

    private int undelivered() {
        int n = 0;
        for (Invoke inv : inFlight.values()) {
            if (inv.stage() == InvokeStage.TAKEN) {
                n++;
            }
        }
        return n;
    }

    /** A large event of known length flows to a runtime that is already waiting as it arrives: the oldest one. */
    private Invoke streamable() {
        Invoke oldest = intake.oldest();
        if (oldest == null || !oldest.event.large() || !oldest.event.readStarted() || oldest.event.failed()) {
            return null;
        }
        if (concurrent != null) {
            return concurrent.workerWaits(undelivered()) ? oldest : null;
        }
        Generation g = sandbox.gen;
        return sandbox.state == SandboxState.READY && g != null && !g.ended && g.parkedNext != null ? oldest : null;
    }

    private void take(Invoke inv) {
        intake.remove(inv);
        inv.moveTo(InvokeStage.TAKEN);
        inFlight.put(inv.id, inv);
        if (concurrent == null) {
            logging = inv;
        }
        sandbox.counters.invokes++;
        clock.start(inv);
        if (sandbox.state == SandboxState.FAILED) {
            sandbox.inits.start("invoke");
        } else if (sandbox.state != SandboxState.INITIALIZING) {
            // (initialising: it waits with the others taken for that init)
            sandbox.move(SandboxState.INVOKING);
            dispatch();
        }
    }

    /** Delivers the invokes taken as the mode allows (see {@link SerialDispatch}, {@link ConcurrentDispatch}). */
    void dispatch() {
        if (concurrent != null) {
            concurrent.dispatch(inFlight.values());
        } else {
            serial.dispatch(current());
        }
    }

    /** Sends an invoke into a runtime's {@code next}: again, when a runtime asks while it runs. */
    void deliver(Invoke inv, NextCall next) {
        next.deliver(new NextCall.Delivery(inv.id, inv.deadlineEpochMs, sandbox.function.arn(), inv.traceId,
                inv.clientContext, inv.cognitoIdentity, inv.event.length()));
        inv.event.sendTo(next);
    }

    void printStart(Invoke inv) {
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
        }
        pump();
    }

    /** The init the invokes taken waited on failed: each fails with the init's error, or the runtime's own posted one. */
    void initFailed(Fault fault, PostedError posted, boolean timeout) {
        List<Invoke> waited = open();
        if (waited.isEmpty()) {
            pump();
            return;
        }
        for (Invoke inv : waited) {
            printStart(inv);
            if (posted != null) {
                inv.answerFunctionError(fault.type().name(), posted.contentType(), posted.body().copy());
            } else {
                inv.answerFault(fault);
            }
            finish(inv, timeout ? "timeout" : "error", fault.type().name());
        }
    }

    /** The last generation is stopped: invokes taken meanwhile initialise the next one. */
    void generationGone() {
        if (!open().isEmpty()) {
            sandbox.inits.start("invoke");
        } else {
            pump();
        }
    }

    /** The runtime asked for its next event (the default mode): the invoke it was given is done on its side. */
    void runtimeBack() {
        serial.runtimeBack(current());
    }

    /** An extension came back to {@code event/next}. */
    void extensionBack() {
        if (serial != null) {
            serial.extensionBack(current());
        } else {
            dispatch();
        }
    }

    /**
     * The runtime is done with an invoke (answer or error in, or it failed): once per invoke. In the concurrent mode
     * that ends the invoke, once its invoker has the answer; in the default one the runtime's next {@code next} does.
     */
    void runtimeDone(Invoke inv, String status, String errorType) {
        reports.runtimeDone(inv, status, errorType);
        if (concurrent != null) {
            inv.whenAnswered(() -> sandbox.context.runOnContext(v -> {
                if (!inv.finished()) {
                    finish(inv, null, null);
                }
            }));
        }
    }

    /** Fails every invoke the runtime has (a crash, an extension's error); false when none is delivered. */
    boolean failDelivered(Fault fault) {
        boolean any = false;
        for (Invoke inv : open()) {
            if (inv.delivered()) {
                fail(inv, fault);
                any = true;
            }
        }
        return any;
    }

    /**
     * A reset ends the generation: an invoke the runtime answered gets its REPORT as usual, one it still runs fails;
     * one not yet delivered waits for the next init.
     */
    void reset(Fault fault) {
        for (Invoke inv : open()) {
            if (!inv.delivered()) {
                continue;
            }
            if (inv.answered()) {
                finish(inv, null, null);
            } else {
                fail(inv, fault);
            }
        }
    }

    /** Fails whatever invokes are in flight (an internal error). */
    void failCurrent(Fault fault) {
        for (Invoke inv : open()) {
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
        List<Future<Void>> reported = new ArrayList<>();
        for (Invoke inv : open()) {
            boolean answered = inv.answered();
            arrivals.rejectShuttingDown(inv);
            if (inv.delivered()) {
                reported.add(answered ? finish(inv, null, null)
                        : finish(inv, "error", "Client.ExecutionEnvironmentShutDown"));
            }
        }
        return reported.isEmpty() ? Future.succeededFuture() : Future.all(reported).mapEmpty();
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
            if (!idle()) {
                pump();
                return;
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
