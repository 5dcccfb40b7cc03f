package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.rapid.Log;
import io.rapidjava.rendering.LogLines;
import java.util.Locale;

/**
 * A generation's init: its start, its end once the runtime and every registered extension wait for their first
 * event, its failure or timeout, and the events and lines of each. Event-loop confined.
 */
final class Inits {

    private final Sandbox sandbox;
    private int generations;

    Inits(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Generations started so far. */
    int generations() {
        return generations;
    }

    /** A new generation's init: {@code init} at start-up (within the init timeout), {@code invoke} for an invoke. */
    void start(String phase) {
        Generation g = new Generation(++generations, phase, System.nanoTime());
        sandbox.gen = g;
        sandbox.counters.inits++;
        if (sandbox.restores != null) {
            sandbox.restores.prepare(g);
        }
        sandbox.move(SandboxState.INITIALIZING);
        Log.info("INIT START(type: " + sandbox.initializationType() + ", phase: " + phase + ")");
        sandbox.emit(null, new PlatformEvent.InitStart(PlatformEvent.now(), phase, sandbox.config.runtimeVersion(),
                sandbox.runtimeVersionArn()));
        if (phase.equals("init")) {
            g.initTimer = sandbox.vertx.setTimer(sandbox.config.initTimeout().toMillis(), id -> timedOut(g));
        }
        sandbox.launches.extensions(g);
    }

    /** Init is done when the runtime and every registered extension wait for their first event. */
    void checkDone(Generation g) {
        if (g != sandbox.gen || g.ended || sandbox.state != SandboxState.INITIALIZING || !g.runtimeReady
                || !g.extensions.externalsRegistered() || !g.extensions.allParked()) {
            return;
        }
        sandbox.cancel(g.initTimer);
        g.initDurationMs = Sandbox.millisSince(g.initStartNanos);
        sandbox.emit(null, new PlatformEvent.InitReport(PlatformEvent.now(), g.phase, g.initDurationMs, "success",
                null));
        Log.info("INIT REPORT(durationMs: " + String.format(Locale.ROOT, "%.3f", g.initDurationMs) + ")");
        sandbox.invokes.initDone();
    }

    private void timedOut(Generation g) {
        if (g != sandbox.gen || g.ended || sandbox.state != SandboxState.INITIALIZING) {
            return;
        }
        String after = LogLines.timedOut(sandbox.config.initTimeout().toMillis() / 1000.0)
                .substring("Task timed out after ".length());
        failed(g, Fault.of(ErrorType.SANDBOX_TIMEDOUT, "Init phase timed out after " + after), null);
    }

    /** Init failed: report it, end the generation, and fail the invoke that was waiting on this init, if any. */
    void failed(Generation g, Fault fault, Invokes.PostedError posted) {
        if (g != sandbox.gen || g.ended) {
            return;
        }
        sandbox.cancel(g.initTimer);
        boolean timeout = fault.type().equals(ErrorType.SANDBOX_TIMEDOUT);
        String status = timeout ? "timeout" : "error";
        String type = timeout ? null : fault.type().name();
        runtimeDone(g, status, type);
        sandbox.emit(null, new PlatformEvent.InitReport(PlatformEvent.now(), g.phase,
                Sandbox.millisSince(g.initStartNanos), status, type));
        Log.error("Init failed: " + fault.type() + ": " + fault.message());
        sandbox.counters.initFailures++;
        sandbox.fatalError(fault);
        sandbox.endGeneration(g, timeout ? "timeout" : "failure");
        sandbox.invokes.initFailed(fault, posted, timeout);
    }

    /** The runtime's init ended (its first {@code next}, an init error, or a failure), once per generation. */
    void runtimeDone(Generation g, String status, String errorType) {
        if (!g.initRuntimeDone) {
            g.initRuntimeDone = true;
            sandbox.emit(null, new PlatformEvent.InitRuntimeDone(PlatformEvent.now(), g.phase, status, errorType));
        }
    }
}
