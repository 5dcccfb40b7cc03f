package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.rapid.process.ChildProcess;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** How an invoke ends on the platform's side: its runtime-done moment and its REPORT. Event-loop confined. */
final class Reports {

    private static final long LOG_DRAIN_MILLIS = 100;

    private final Sandbox sandbox;
    /** Invokes closed whose REPORT is not out yet (more than one only when invokes run concurrently). */
    private int pending;
    /** Completed when {@link #pending} is back to 0; null while nobody waits for that. */
    private Promise<Void> allReported;

    Reports(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Completes once every invoke closed so far has its REPORT out. */
    Future<Void> reported() {
        if (pending == 0) {
            return Future.succeededFuture();
        }
        if (allReported == null) {
            allReported = Promise.promise();
        }
        return allReported.future();
    }

    private void reportOut() {
        if (--pending == 0 && allReported != null) {
            Promise<Void> waiting = allReported;
            allReported = null;
            waiting.complete();
        }
    }

    /** The runtime is done with an invoke (answer or error in, or it failed): once per invoke. */
    void runtimeDone(Invoke inv, String status, String errorType) {
        if (inv.runtimeDoneEmitted) {
            return;
        }
        inv.runtimeDoneEmitted = true;
        long end = inv.answeredNanos != 0 ? inv.answeredNanos : System.nanoTime();
        Double latency = inv.firstByteNanos == 0 || inv.deliveredNanos == 0 ? null
                : (inv.firstByteNanos - inv.deliveredNanos) / 1_000_000.0;
        Double duration = inv.firstByteNanos == 0 ? null : (end - inv.firstByteNanos) / 1_000_000.0;
        sandbox.emit(null, new PlatformEvent.InvokeRuntimeDone(PlatformEvent.now(), inv.id, status, errorType,
                (end - inv.takenNanos) / 1_000_000.0, inv.producedBytes, latency, duration, inv.traceId));
    }

    /**
     * Closes an invoke: waits (bounded) until the runtime's last lines are out, then END and REPORT, the Tail
     * answer, and {@code then} (the next invoke). The invoke's status is {@code status} when given, else what its
     * answer said.
     */
    Future<Void> close(Invoke inv, String status, String errorType, Runnable then) {
        if (!inv.moveTo(InvokeStage.FINISHED)) {
            return Future.succeededFuture();
        }
        Promise<Void> reported = Promise.promise();
        pending++;
        sandbox.cancel(inv.timer);
        if (!inv.answered()) {
            // the runtime moved on before its answer was complete: the invoker must not wait for the rest
            inv.answerFault(inv.failure != null ? inv.failure
                    : Fault.of(ErrorType.SANDBOX_FAILURE, "the invoke ended without an answer"));
        }
        boolean byFunction = status == null && inv.failedStatus == null && inv.functionErrorType != null;
        String reportStatus = status != null ? status : inv.failedStatus != null ? inv.failedStatus
                : byFunction ? "error" : "success";
        String reportType = status != null ? errorType : inv.failure != null ? inv.failure.type().name()
                : inv.functionErrorType;
        if (reportStatus.equals("error")) {
            sandbox.counters.functionErrors++;
        }
        runtimeDone(inv, reportStatus, reportType);
        double durationMs = Math.min(Sandbox.millisSince(inv.takenNanos), sandbox.function.timeout().toMillis());
        Generation g = sandbox.gen;
        ChildProcess runtime = g == null ? null : g.runtime;
        Double initDuration = null;
        // SnapStart's Init Duration is in INIT_REPORT; its first REPORT has the Restore Duration instead
        Double restoreDuration = sandbox.restores == null ? null : sandbox.restores.reportOnce(g);
        if (g != null && sandbox.restores == null && g.phase.equals("init") && !g.initDurationReported
                && g.initDurationMs != null) {
            g.initDurationReported = true;
            initDuration = g.initDurationMs;
        }
        Double reportedInit = initDuration;
        long peakBytes = runtime == null ? 0 : runtime.peakMemoryBytes();
        CompletableFuture<Void> drained = runtime == null ? CompletableFuture.completedFuture(null)
                : runtime.logsDrained().completeOnTimeout(null, LOG_DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        drained.whenComplete((v, e) -> sandbox.context.runOnContext(x -> {
            sandbox.emit(inv, new PlatformEvent.InvokeReport(PlatformEvent.now(), inv.id, durationMs,
                    PlatformEvent.InvokeReport.billed(durationMs), sandbox.function.memorySizeMb(),
                    Math.max(1, (peakBytes + (1 << 20) - 1) >> 20), reportedInit, reportStatus, reportType,
                    byFunction, inv.extensionOverheadMs, inv.traceId, restoreDuration));
            inv.sendDeferred();
            inv.releaseBody();
            reported.complete();
            reportOut();
            then.run();
        }));
        return reported.future();
    }
}
