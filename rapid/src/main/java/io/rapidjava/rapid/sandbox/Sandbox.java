package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import io.rapidjava.interop.SandboxStatus;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.rapid.Config;
import io.rapidjava.rapid.Log;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The lifecycle core: one runtime generation at a time (init, fatal errors, resets, the shutdown sequence), the
 * invokes it runs ({@link Invokes}), the Runtime and Extensions API calls it takes ({@link RuntimeCalls},
 * {@link ExtensionCalls}), and the one stream of platform events it emits. Speaks no HTTP: front-ends are adapters.
 * Every method runs on the sandbox's event loop; process events are posted back to it.
 */
public final class Sandbox {

    /** How an invoke the runtime still runs ends when its sandbox is reset. */
    static final ErrorType RESET = new ErrorType("Sandbox.Reset");

    final Vertx vertx;
    final Context context;
    final Config config;
    final FunctionConfig function;
    final String runtimeApiAddress;
    final Invokes invokes;
    final RuntimeCalls runtimeCalls;
    final ExtensionCalls extensionCalls;
    final Launches launches;
    final Inits inits;
    /** SnapStart's restore phase and its Runtime API calls; null when SnapStart is off. */
    final Restores restores;
    final RestoreCalls restoreCalls;
    private final List<PlatformListener> listeners = new CopyOnWriteArrayList<>();
    /** The lines an event adds to an invoke's Tail log, in the function's log format. */
    private final BiConsumer<PlatformEvent, Consumer<String>> tailLines;
    /** What must be delivered before extensions get SHUTDOWN (the telemetry subscribers' batches), bounded. */
    final List<Function<Duration, Future<Void>>> drains = new CopyOnWriteArrayList<>();
    final Counters counters = new Counters();

    SandboxState state = SandboxState.FAILED;
    Generation gen;
    /** A reset asked for while an invoke ran (its reason), done once that invoke closes; null when none. */
    String pendingReset;
    private SandboxStatus.FatalError lastError;

    /** {@code log} renders the platform events into the function's log stream (the daemon's stdout). */
    public Sandbox(Vertx vertx, Context context, Config config, PlatformListener log, String runtimeApiAddress) {
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.function = config.function();
        this.runtimeApiAddress = runtimeApiAddress;
        this.tailLines = config.logging().lines(function, config.initializationType());
        listeners.add(log);
        this.invokes = new Invokes(this);
        this.runtimeCalls = new RuntimeCalls(this);
        this.extensionCalls = new ExtensionCalls(this);
        this.launches = new Launches(this);
        this.inits = new Inits(this);
        this.restores = config.snapStart() == null ? null : new Restores(this, config.snapStart());
        this.restoreCalls = restores == null ? null : new RestoreCalls(this, restores);
        context.exceptionHandler(bug -> {
            Log.error("Internal error on the event loop: " + bug);
            internalError(bug);
        });
    }

    /**
     * A bug of ours in a step of the lifecycle (a Runtime API call, a timer, a process event): the invoke it hit
     * fails with {@code Sandbox.Failure} and the sandbox resets, so nothing stays half-changed. Logged by the caller.
     */
    public void internalError(Throwable bug) {
        if (state != SandboxState.SHUTTING_DOWN) {
            invokes.failCurrent(Fault.of(ErrorType.SANDBOX_FAILURE, "Internal error: " + bug.getClass().getSimpleName()));
        }
    }

    public SandboxState state() {
        return state;
    }

    public FunctionConfig function() {
        return function;
    }

    /** Whether the function logs in the JSON format (its JSON lines are objects to the telemetry). */
    public boolean jsonLogs() {
        return config.logging().format() == io.rapidjava.rapid.LoggingConfig.Format.JSON;
    }

    /** {@code on-demand}, {@code snap-start} when the restore phase is emulated, {@code lambda-managed-instances} in the
     * concurrent mode. */
    public String initializationType() {
        return config.initializationType();
    }

    /** The version every invoke answer names. */
    public String executedVersion() {
        return function.version();
    }

    public Invokes invokes() {
        return invokes;
    }

    public RuntimeCalls runtimeCalls() {
        return runtimeCalls;
    }

    public ExtensionCalls extensionCalls() {
        return extensionCalls;
    }

    /** SnapStart's Runtime API calls; null when SnapStart is off. */
    public RestoreCalls restoreCalls() {
        return restoreCalls;
    }

    // ---- init ------------------------------------------------------------------------------------------

    /** The first init. */
    public void start() {
        inits.start("init");
    }

    String runtimeVersionArn() {
        return "arn:aws:lambda:" + function.region() + "::runtime:" + config.runtimeVersion();
    }

    void runtimeExited(Generation g, io.rapidjava.fatalerror.ExitStatus status) {
        if (g != gen || g.ended || state == SandboxState.SHUTTING_DOWN) {
            return;
        }
        Log.warn("Process " + g.runtime.name() + " exited: " + Fault.exitText(status));
        fatal(g, Fault.runtimeExit(status));
    }

    void extensionExited(Generation g, String name, io.rapidjava.fatalerror.ExitStatus status) {
        if (g != gen || g.ended || state == SandboxState.SHUTTING_DOWN) {
            g.extensions.byName(name).exited(!status.signalled() && status.code() == 0);
            return;
        }
        Log.warn("Process " + g.extensionProcesses.get(name).name() + " exited: " + Fault.exitText(status));
        fatal(g, Fault.extensionCrash(name, status));
    }

    /**
     * A fatal error of a generation (a process exited, an extension reported an error): fails the init or the
     * invoke it happened in, or, between invokes, resets the sandbox so that the next invoke re-initialises.
     */
    void fatal(Generation g, Fault fault) {
        if (g != gen || g.ended || state == SandboxState.SHUTTING_DOWN) {
            return;
        }
        if (state == SandboxState.INITIALIZING) {
            inits.failed(g, fault, null);
        } else if (restores != null && restores.running(g)) {
            restores.failed(g, fault, false);
        } else if (!invokes.failDelivered(fault)) {
            // An invoke taken but not yet delivered has not reached the function: it waits for the re-init.
            Log.error("Sandbox failed between invokes: " + fault.type() + ": " + fault.message());
            fatalError(fault);
            endGeneration(g, "failure");
        }
    }

    void fatalError(Fault fault) {
        lastError = new SandboxStatus.FatalError(fault.type().name(), fault.message(), PlatformEvent.now());
    }

    /**
     * Ends a generation: its late events are ignored from here on, and the shutdown sequence stops and reaps its
     * processes. Invokes wait (state RESETTING) until that is done, then the next one re-initialises.
     */
    Future<ShutdownSummary> endGeneration(Generation g, String reason) {
        if (g.ended) {
            return g.shutdown;
        }
        Log.warn("Reset initiated: " + reason);
        move(SandboxState.RESETTING);
        Future<ShutdownSummary> done = stopGeneration(g, reason, config.shutdownTimeout());
        done.onComplete(ar -> {
            if (gen == g && state == SandboxState.RESETTING) {
                move(SandboxState.FAILED);
                if (g.initAgain && invokes.idle()) {
                    inits.start("init");
                } else {
                    invokes.generationGone();
                }
            }
        });
        return done;
    }

    /** The one place a generation's shutdown sequence starts, with its events. */
    private Future<ShutdownSummary> stopGeneration(Generation g, String reason, Duration deadline) {
        g.ended = true;
        cancel(g.initTimer);
        emit(null, new PlatformEvent.ShutdownStart(PlatformEvent.now(), reason, g.number));
        g.shutdown = ShutdownSequence.start(context, g, reason, deadline, invokes::reported, drains)
                .onSuccess(summary -> emit(null, new PlatformEvent.ShutdownReport(PlatformEvent.now(), g.number,
                        summary)));
        return g.shutdown;
    }

    // ---- reset and shutdown ----------------------------------------------------------------------------

    /** Ends the current generation (the shutdown sequence with {@code reason}), then initialises again. */
    public Future<ShutdownSummary> reset(String reason) {
        Generation g = gen;
        if (state == SandboxState.SHUTTING_DOWN) {
            return Future.failedFuture(new io.rapidjava.interop.SandboxRefusal("Sandbox.ShuttingDown",
                    "The sandbox is shutting down"));
        }
        if (g == null) {
            return Future.failedFuture(new io.rapidjava.interop.SandboxRefusal("Sandbox.NotInitialized",
                    "The sandbox has not been initialised"));
        }
        if (g.ended) {
            return g.shutdown;
        }
        g.initAgain = true;
        invokes.reset(Fault.of(RESET, "The sandbox was reset: " + reason));
        return g.ended ? g.shutdown : endGeneration(g, reason);
    }

    /**
     * Resets once no invoke is in flight: at once when idle, else when the invoke in flight closes (it ends as it
     * would have). Invokes that wait meanwhile go to the next generation, which initialises afresh.
     */
    public void resetWhenIdle(String reason) {
        if (state == SandboxState.SHUTTING_DOWN || gen == null) {
            return;
        }
        if (invokes.idle()) {
            reset(reason);
        } else {
            pendingReset = reason;
        }
    }

    /** Stops for good: waiting invokes are refused, the runtime is killed and reaped (bounded). */
    public Future<ShutdownSummary> shutdown(String reason) {
        return shutdown(reason, config.shutdownTimeout());
    }

    public Future<ShutdownSummary> shutdown(String reason, Duration deadline) {
        Log.warn("Shutdown initiated: " + reason);
        move(SandboxState.SHUTTING_DOWN);
        Future<Void> reported = invokes.shutdown();
        Generation g = gen;
        if (g == null) {
            return reported.map(v -> new ShutdownSummary(reason, 0, List.of()));
        }
        // a reset already stopping this generation finishes the job
        Future<ShutdownSummary> stopped = g.ended ? g.shutdown : stopGeneration(g, reason, deadline);
        return Future.all(reported, stopped).map(v -> stopped.result());
    }

    /**
     * Sends {@code signal} to the running runtime's process group (the daemon forwards the signals it does not take
     * itself, as tini does); false when no runtime runs: none launched yet, or its generation ended.
     */
    public boolean signalRuntime(int signal) {
        Generation g = gen;
        if (g == null || g.ended || g.runtime == null || !g.runtime.alive()) {
            return false;
        }
        g.runtime.signal(signal);
        return true;
    }

    // ---- events and state ------------------------------------------------------------------------------

    /**
     * Adds a step the shutdown sequence runs once the runtime is stopped and before extensions get SHUTDOWN: it is
     * given what is left of the deadline (at most a second) and may take that long.
     */
    public void beforeShutdownEvent(Function<Duration, Future<Void>> drain) {
        drains.add(drain);
    }

    /** Adds a listener of the platform events (see {@link PlatformListener}); returns how to remove it. */
    public Runnable subscribe(PlatformListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** The one place a platform event is emitted: to every listener, and into its invoke's Tail log. */
    void emit(Invoke inv, PlatformEvent event) {
        for (PlatformListener l : listeners) {
            try {
                l.on(event);
            } catch (RuntimeException e) {
                Log.error("A platform event listener failed: " + e);
            }
        }
        if (inv != null && inv.tailed()) {
            tailLines.accept(event, inv::log);
        }
    }

    public SandboxStatus status() {
        Generation g = gen;
        return new SandboxStatus(state.name(), inits.generations(), g == null || g.ended ? null : g.machine.state().name(),
                g == null ? List.of() : g.extensions.all().stream().map(e -> new SandboxStatus.ExtensionStatus(
                        e.name(), e.kind().name().toLowerCase(java.util.Locale.ROOT), e.state().name(),
                        e.events().stream().map(Enum::name).toList())).toList(),
                invokes.inFlightIds(), invokes.queued(), g == null ? null : g.initDurationMs, lastError,
                counters.snapshot());
    }

    void move(SandboxState to) {
        if (state != to) {
            Log.debug("sandbox " + state + " -> " + to);
            state = to;
        }
    }

    void cancel(long timer) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }

    /** What the sandbox has done so far, for its status. Event-loop confined. */
    static final class Counters {
        long invokes;
        long functionErrors;
        long timeouts;
        long refused;
        long inits;
        long initFailures;

        SandboxStatus.Counters snapshot() {
            return new SandboxStatus.Counters(invokes, functionErrors, timeouts, refused, inits, initFailures);
        }
    }
}
