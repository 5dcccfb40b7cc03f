package io.rapidjava.rapid.sandbox;

import io.rapidjava.extensions.ApiError;
import io.rapidjava.extensions.EventType;
import io.rapidjava.extensions.Extension;
import io.rapidjava.extensions.ExtensionRegistry;
import io.rapidjava.extensions.ExtensionsApi;
import io.rapidjava.extensions.ExtensionsHost;
import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.ExitStatus;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.interop.InvocationType;
import io.rapidjava.interop.Limits;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import io.rapidjava.rapid.Config;
import io.rapidjava.rapid.Log;
import io.rapidjava.rapid.LogLevel;
import io.rapidjava.rapid.Stdout;
import io.rapidjava.rapid.http.Discard;
import io.rapidjava.rapid.http.InvokerAnswers;
import io.rapidjava.rapid.process.ChildProcess;
import io.rapidjava.rapid.runtime.RuntimeCall;
import io.rapidjava.rapid.runtime.RuntimeState;
import io.rapidjava.rapid.runtime.RuntimeStateMachine;
import io.rapidjava.rendering.Bodies;
import io.rapidjava.rendering.ErrorBody;
import io.rapidjava.rendering.Events;
import io.rapidjava.rendering.Json;
import io.rapidjava.rendering.LogLines;
import io.rapidjava.rendering.PlatformLines;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The orchestrator: one runtime generation at a time, one invoke at a time, a FIFO of waiting invokes.
 * Every method runs on the sandbox's event loop; process events are posted back to it.
 */
public final class Sandbox implements ExtensionsHost {

    private static final long LOG_DRAIN_MILLIS = 100;
    private static final String RESPONSE_MODE = "Lambda-Runtime-Function-Response-Mode";
    private static final String ERROR_TYPE = Invoke.TRAILER_ERROR_TYPE;
    private static final String ERROR_CAUSE_JSON = "application/vnd.aws.lambda.error.cause+json";

    private final Vertx vertx;
    private final Context context;
    private final Config config;
    private final FunctionConfig function;
    private final Stdout stdout;
    private final Intake intake;
    private final List<PlatformListener> listeners = new CopyOnWriteArrayList<>();
    private final String runtimeApiAddress;
    private final Path daemonDir = Path.of("").toAbsolutePath();

    private SandboxState state = SandboxState.FAILED;
    private Generation gen;
    private int generations;
    private Invoke current;

    public Sandbox(Vertx vertx, Context context, Config config, Stdout stdout, String runtimeApiAddress) {
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.function = config.function();
        this.stdout = stdout;
        this.runtimeApiAddress = runtimeApiAddress;
        // the function's log stream: the platform lines among the function's own output
        listeners.add(event -> PlatformLines.of(event).forEach(stdout::line));
        this.intake = new Intake(vertx, config.maxQueuedInvokes(), config.maxQueuedBytes(),
                config.bodyTimeout().toMillis(), this::eventRead, this::eventFailed);
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
        if (current != null && !current.finished() && state != SandboxState.SHUTTING_DOWN) {
            invokeFailed(current, Fault.of(ErrorType.SANDBOX_FAILURE, "Internal error: " + bug.getClass().getSimpleName()));
        }
    }

    public SandboxState state() {
        return state;
    }

    /** The version every invoke answer names in {@code X-Amz-Executed-Version}. */
    public String executedVersion() {
        return function.version();
    }

    // ---- init ------------------------------------------------------------------------------------------

    /** Eager init at daemon start. */
    public void start() {
        startInit("init");
    }

    private void startInit(String phase) {
        Generation g = new Generation(++generations, phase, System.nanoTime());
        gen = g;
        move(SandboxState.INITIALIZING);
        Log.info("INIT START(type: on-demand, phase: " + phase + ")");
        emit(null, new PlatformEvent.InitStart(Instant.now(), phase, config.runtimeVersion(),
                "arn:aws:lambda:" + function.region() + "::runtime:" + config.runtimeVersion()));
        if (phase.equals("init")) {
            g.initTimer = vertx.setTimer(config.initTimeout().toMillis(), id -> initTimedOut(g));
        }
        launchExtensions(g);
    }

    /**
     * Launches the extensions directory's executables in name order, each in its own process group; the runtime
     * follows once every one has registered. Directory listing, checks and fork/exec run on a virtual thread;
     * the generation learns of each extension (before it can register) and each process on the event loop.
     */
    private void launchExtensions(Generation g) {
        Map<String, String> env = RuntimeEnvironment.forExtensions(config, runtimeApiAddress);
        g.launches = offLoop(g, () -> {
            List<Path> files = config.extensionsEnabled() ? ExtensionFiles.list(config.extensionsDir()) : List.of();
            boolean go = OnLoop.call(context, () -> {
                files.forEach(f -> g.extensions.launched(f.getFileName().toString()));
                return !g.ended;
            });
            for (int i = 0; go && i < files.size(); i++) {
                Path file = files.get(i);
                String name = file.getFileName().toString();
                String whyNot = i >= ExtensionRegistry.MAX_EXTENSIONS
                        ? "Extension limit (" + ExtensionRegistry.MAX_EXTENSIONS + ") reached: " + files.size()
                        + " extensions in " + config.extensionsDir()
                        : ChildProcess.whyNotExecutable(file.toString(), env, daemonDir);
                ChildProcess process = null;
                if (whyNot == null) {
                    try {
                        process = ChildProcess.start("extension-" + name + "-" + g.number, List.of(file.toString()),
                                env, daemonDir, this::processLine);
                    } catch (Exception e) {
                        whyNot = "fork/exec " + file + ": " + e.getMessage();
                    }
                }
                ChildProcess launched = process;
                String failure = whyNot;
                go = OnLoop.call(context, () -> extensionLaunched(g, name, launched, failure));
            }
        }, () -> {
            g.extensionsLaunched = true;
            if (g.extensions.externalsRegistered()) {
                launchRuntime(g);
            }
        });
    }

    /** Records a launched extension, or fails the init when it could not be launched; false stops the launch. */
    private boolean extensionLaunched(Generation g, String name, ChildProcess process, String whyNot) {
        if (process == null) {
            g.extensions.byName(name).launchFailed();
            initFailed(g, Fault.of(ErrorType.EXTENSION_LAUNCH_ERROR, whyNot), null);
            return false;
        }
        g.extensionProcesses.put(name, process);
        process.onExit().thenAccept(status -> context.runOnContext(v -> extensionExited(g, name, status)));
        Log.debug("Launched extension " + name + " (pid " + process.pid() + ")");
        return !g.ended;
    }

    private void launchRuntime(Generation g) {
        if (g != gen || g.ended || g.runtimeLaunched) {
            return;
        }
        g.runtimeLaunched = true;
        Map<String, String> env = RuntimeEnvironment.of(config, runtimeApiAddress);
        Path cwd = config.workingDir();
        String command = config.bootstrap().getFirst();
        g.launches = offLoop(g, () -> {
            Fault fault = null;
            ChildProcess process = null;
            String whyNot;
            if (!cwd.isAbsolute() || !Files.isDirectory(cwd)) {
                fault = Fault.of(ErrorType.RUNTIME_INVALID_WORKING_DIR, "chdir " + cwd + ": no such file or directory");
            } else if ((whyNot = ChildProcess.whyNotExecutable(command, env, cwd)) != null) {
                fault = Fault.of(ErrorType.RUNTIME_INVALID_ENTRYPOINT, whyNot);
            } else {
                Log.info("exec '" + command + "' (cwd=" + cwd + ", handler=" + function.handler() + ")");
                try {
                    process = ChildProcess.start("runtime-" + g.number, config.bootstrap(), env, cwd, this::processLine);
                } catch (Exception e) {
                    fault = Fault.of(ErrorType.RUNTIME_INVALID_ENTRYPOINT, "fork/exec " + command + ": " + e.getMessage());
                }
            }
            ChildProcess launched = process;
            Fault failure = fault;
            OnLoop.call(context, () -> {
                if (launched == null) {
                    initFailed(g, failure, null);
                } else {
                    g.runtime = launched;
                    launched.onExit().thenAccept(status -> context.runOnContext(v -> runtimeExited(g, status)));
                }
                return null;
            });
        }, null);
    }

    /** Runs a launch on a virtual thread; {@code then} follows on the event loop. Done when the thread is. */
    private CompletableFuture<Void> offLoop(Generation g, Runnable launch, Runnable then) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread.ofVirtual().name("launch-" + g.number).start(() -> {
            try {
                launch.run();
            } catch (RuntimeException e) {
                Log.error("Launch in generation " + g.number + " failed: " + e);
            } finally {
                done.complete(null);
                if (then != null) {
                    context.runOnContext(v -> then.run());
                }
            }
        });
        return done;
    }

    /** Init is done when the runtime and every registered extension wait for their first event. */
    private void checkInitDone(Generation g) {
        if (g != gen || g.ended || state != SandboxState.INITIALIZING || !g.runtimeReady
                || !g.extensions.externalsRegistered() || !g.extensions.allParked()) {
            return;
        }
        initDone(g);
    }

    private void initDone(Generation g) {
        cancel(g.initTimer);
        g.initDurationMs = millisSince(g.initStartNanos);
        emit(null, new PlatformEvent.InitReport(Instant.now(), g.phase, g.initDurationMs, "success", null));
        Log.info("INIT REPORT(durationMs: " + String.format(java.util.Locale.ROOT, "%.3f", g.initDurationMs) + ")");
        if (current != null) {
            move(SandboxState.INVOKING);
            tryDispatch();
        } else {
            move(SandboxState.READY);
            pump();
        }
    }

    private void initTimedOut(Generation g) {
        if (g != gen || g.ended || state != SandboxState.INITIALIZING) {
            return;
        }
        initFailed(g, Fault.of(ErrorType.SANDBOX_TIMEDOUT, "Init phase timed out after "
                + LogLines.timedOut(config.initTimeout().toMillis() / 1000.0).substring("Task timed out after ".length())), null);
    }

    /** Init failed: report it, end the generation, and fail the invoke that was waiting on this init, if any. */
    private void initFailed(Generation g, Fault fault, PostedInitError posted) {
        if (g != gen || g.ended) {
            return;
        }
        cancel(g.initTimer);
        boolean timeout = fault.type().equals(ErrorType.SANDBOX_TIMEDOUT);
        emit(null, new PlatformEvent.InitReport(Instant.now(), g.phase, millisSince(g.initStartNanos),
                timeout ? "timeout" : "error", timeout ? null : fault.type().name()));
        Log.error("Init failed: " + fault.type() + ": " + fault.message());
        endGeneration(g, timeout ? "timeout" : "failure");
        Invoke inv = current;
        if (inv != null && !inv.finished()) {
            printStart(inv);
            if (posted != null) {
                inv.answerFunctionError(posted.contentType(), posted.body(), function.version());
            } else {
                inv.answerFault(fault, function.version());
            }
            finish(inv, timeout ? "timeout" : "error", fault.type().name());
        } else {
            pump();
        }
    }

    /** A body the runtime posted to {@code /init/error}: given verbatim to the invoker. */
    private record PostedInitError(Buffer body, String contentType) {
    }

    private void runtimeExited(Generation g, ExitStatus status) {
        if (g != gen || g.ended || state == SandboxState.SHUTTING_DOWN) {
            return;
        }
        Log.warn("Process " + g.runtime.name() + " exited: " + Fault.exitText(status));
        fatal(g, Fault.runtimeExit(status));
    }

    private void extensionExited(Generation g, String name, ExitStatus status) {
        Extension extension = g.extensions.byName(name);
        if (g != gen || g.ended || state == SandboxState.SHUTTING_DOWN) {
            extension.exited(!status.signalled() && status.code() == 0);
            return;
        }
        Log.warn("Process " + g.extensionProcesses.get(name).name() + " exited: " + Fault.exitText(status));
        fatal(g, Fault.extensionCrash(name, status));
    }

    /**
     * A fatal error of a generation (a process exited, an extension reported an error): fails the init or the
     * invoke it happened in, or, between invokes, resets the sandbox so that the next invoke re-initialises.
     */
    private void fatal(Generation g, Fault fault) {
        if (g != gen || g.ended || state == SandboxState.SHUTTING_DOWN) {
            return;
        }
        if (state == SandboxState.INITIALIZING) {
            initFailed(g, fault, null);
        } else if (current != null && current.delivered()) {
            invokeFailed(current, fault);
        } else {
            // An invoke taken but not yet delivered has not reached the function: it waits for the re-init.
            Log.error("Sandbox failed between invokes: " + fault.type() + ": " + fault.message());
            endGeneration(g, "failure");
        }
    }

    /**
     * Ends a generation: its late events are ignored from here on, and the shutdown sequence stops and reaps its
     * processes. Invokes wait (state RESETTING) until that is done, then the next one re-initialises.
     */
    private void endGeneration(Generation g, String reason) {
        if (g.ended) {
            return;
        }
        g.ended = true;
        cancel(g.initTimer);
        Log.warn("Reset initiated: " + reason);
        move(SandboxState.RESETTING);
        g.shutdown = ShutdownSequence.start(context, g, reason, config.shutdownTimeout());
        g.shutdown.onComplete(ar -> {
            if (gen == g && state == SandboxState.RESETTING) {
                move(SandboxState.FAILED);
                if (current != null && !current.finished()) {
                    startInit("invoke");
                } else {
                    pump();
                }
            }
        });
    }

    // ---- invokes ---------------------------------------------------------------------------------------

    /**
     * Accepts an invoke from the front-end: it waits in the intake while its event is read, or is refused with 429
     * when the intake is full (in count, or for an {@code Event} invoke in bytes).
     */
    public void submit(Invoke inv) {
        if (state == SandboxState.SHUTTING_DOWN) {
            rejectShuttingDown(inv);
            return;
        }
        boolean busy = current != null || state == SandboxState.INITIALIZING || state == SandboxState.RESETTING;
        if (busy && intake.full()) {
            tooManyRequests(inv, intake.size() + " invokes are already waiting for this function");
            return;
        }
        if (inv.type == InvocationType.EVENT && !intake.fits(inv.event.declared())) {
            tooManyRequests(inv, "the events already waiting hold " + intake.heldBytes() + " bytes");
            return;
        }
        if (Log.enabled(LogLevel.DEBUG)) {
            Log.debug("Invoke " + inv.id + " queued (" + (intake.size() + 1) + " waiting)");
        }
        inv.onGone = inv.type == InvocationType.EVENT ? null : () -> {
            if (intake.remove(inv)) {
                Log.debug("Invoke " + inv.id + " dropped: the invoker went away while it waited");
                pump();
            }
        };
        intake.add(inv);
        pump();
    }

    private void tooManyRequests(Invoke inv, String why) {
        Log.debug("Invoke " + inv.id + " refused: " + why);
        InvokerAnswers.refuse(inv.request, inv.id, function.version(), 429, "TooManyRequestsException",
                "Rate Exceeded: " + why);
    }

    private void eventRead(Invoke inv) {
        if (inv.type == InvocationType.EVENT) {
            inv.answer(202, inv.headers(function.version()), List.of());
        }
        pump();
    }

    /**
     * An event that could not be read fails its invoke alone: a waiting one leaves the intake; a running one (its
     * event was streamed into the runtime) ends with an error, and the runtime, whose {@code next} answer was cut,
     * waits for the next invoke: it is not reset.
     */
    private void eventFailed(Invoke inv, Event.Failure why) {
        String version = function.version();
        String invalid = "InvalidRequestContentException";
        switch (why) {
            case TOO_LARGE -> inv.refuse(413, "RequestEntityTooLarge", Bodies.tooLarge(inv.type == InvocationType.EVENT
                    ? Limits.MAX_ASYNC_PAYLOAD_BYTES : Limits.MAX_PAYLOAD_BYTES), version);
            case NO_ROOM -> inv.refuse(429, "TooManyRequestsException", new ErrorBody("Rate Exceeded: the events "
                    + "already waiting hold " + intake.heldBytes() + " bytes", "TooManyRequestsException").bytes(), version);
            case STALLED -> inv.refuse(400, invalid, new ErrorBody("No byte of the request body arrived for "
                    + config.bodyTimeout().toMillis() + " ms.", invalid).bytes(), version);
            case BROKEN -> inv.refuse(400, invalid,
                    new ErrorBody("The request body could not be read.", invalid).bytes(), version);
            case GONE -> {
                // nobody left to answer
            }
        }
        if (why == Event.Failure.STALLED || why == Event.Failure.BROKEN) {
            inv.request.connection().close();
        }
        Log.debug("Invoke " + inv.id + " failed: its event " + switch (why) {
            case TOO_LARGE -> "is too large";
            case NO_ROOM -> "did not fit in the queue";
            case STALLED -> "stalled";
            case BROKEN -> "was malformed";
            case GONE -> "was cut off: the invoker went away";
        });
        inv.answerGivenUp();
        if (intake.remove(inv)) {
            pump();
            return;
        }
        if (inv != current || inv.finished()) {
            return;
        }
        Generation g = gen;
        if (g != null && !g.ended && g.machine.state() == RuntimeState.Running) {
            g.machine.apply(RuntimeCall.WITHDRAW);
        }
        finish(inv, "error", invalid);
    }

    /** The single place that starts the next invoke when the sandbox can take one. */
    private void pump() {
        if (current != null || state == SandboxState.INITIALIZING || state == SandboxState.RESETTING
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
        Generation g = gen;
        return oldest != null && oldest.event.large() && oldest.event.readStarted() && !oldest.event.failed()
                && state == SandboxState.READY && g != null && !g.ended && g.parkedNext != null ? oldest : null;
    }

    private void take(Invoke inv) {
        intake.remove(inv);
        inv.moveTo(InvokeStage.TAKEN);
        current = inv;
        inv.takenNanos = System.nanoTime();
        long timeoutMs = function.timeout().toMillis();
        inv.deadlineEpochMs = System.currentTimeMillis() + timeoutMs;
        inv.timer = vertx.setTimer(timeoutMs, id -> invokeTimedOut(inv));
        if (state == SandboxState.FAILED) {
            startInit("invoke");
        } else {
            move(SandboxState.INVOKING);
            tryDispatch();
        }
    }

    private void tryDispatch() {
        Invoke inv = current;
        Generation g = gen;
        if (inv == null || inv.stage() != InvokeStage.TAKEN || !inv.readyToDispatch() || state != SandboxState.INVOKING
                || g == null || g.parkedNext == null || !g.extensions.subscribersParked(EventType.INVOKE)) {
            return;
        }
        if (!g.machine.apply(RuntimeCall.RELEASE).allowed()) {
            return;
        }
        inv.moveTo(InvokeStage.DELIVERED);
        printStart(inv);
        HttpServerResponse next = g.parkedNext;
        g.parkedNext = null;
        next.closeHandler(null);
        List<Extension> subscribers = g.extensions.subscribers(EventType.INVOKE);
        if (!subscribers.isEmpty()) {
            byte[] event = Events.invoke(inv.deadlineEpochMs, inv.id, function.arn(), inv.traceId);
            for (Extension e : subscribers) {
                e.deliver(event);
            }
        }
        render(inv, next);
    }

    private void render(Invoke inv, HttpServerResponse r) {
        r.putHeader("Content-Type", "application/json");
        r.putHeader("Lambda-Runtime-Aws-Request-Id", inv.id);
        r.putHeader("Lambda-Runtime-Deadline-Ms", Long.toString(inv.deadlineEpochMs));
        r.putHeader("Lambda-Runtime-Invoked-Function-Arn", function.arn());
        r.putHeader("Lambda-Runtime-Trace-Id", inv.traceId);
        if (inv.clientContext != null) {
            r.putHeader("Lambda-Runtime-Client-Context", inv.clientContext);
        }
        r.putHeader("Content-Length", Long.toString(inv.event.length()));
        inv.event.sendTo(r);
    }

    private void printStart(Invoke inv) {
        if (!inv.started) {
            inv.started = true;
            emit(inv, new PlatformEvent.InvokeStart(Instant.now(), inv.id, function.version()));
        }
    }

    private void invokeTimedOut(Invoke inv) {
        if (inv.finished() || inv != current) {
            return;
        }
        Generation g = gen;
        double timeoutSeconds = function.timeout().toMillis() / 1000.0;
        Fault fault = Fault.of(ErrorType.SANDBOX_TIMEDOUT, LogLines.timedOut(timeoutSeconds));
        if (state == SandboxState.SHUTTING_DOWN) {
            return;
        }
        if (state == SandboxState.INITIALIZING && g != null && !g.ended) {
            emit(null, new PlatformEvent.InitReport(Instant.now(), g.phase, millisSince(g.initStartNanos), "timeout",
                    null));
        }
        printStart(inv);
        inv.answerFault(fault, function.version());
        emit(inv, new PlatformEvent.InvokeTimeout(Instant.now(), inv.id, timeoutSeconds));
        if (g != null && !g.ended) {
            endGeneration(g, "timeout");
        }
        finish(inv, "timeout", null);
    }

    private void invokeFailed(Invoke inv, Fault fault) {
        if (inv == null || inv.finished()) {
            return;
        }
        printStart(inv);
        inv.answerFault(fault, function.version());
        emit(inv, new PlatformEvent.InvokeFault(Instant.now(), inv.id, fault.type().name(), fault.message()));
        if (gen != null && !gen.ended) {
            endGeneration(gen, "failure");
        }
        finish(inv, "error", fault.type().name());
    }

    /**
     * Closes an invoke: waits (bounded) until the runtime's last lines are out, then END and REPORT, the
     * Tail answer, and the next invoke.
     */
    private Future<Void> finish(Invoke inv, String status, String errorType) {
        if (!inv.moveTo(InvokeStage.FINISHED)) {
            return Future.succeededFuture();
        }
        Promise<Void> reported = Promise.promise();
        cancel(inv.timer);
        if (!inv.answered()) {
            // the runtime moved on before its answer was complete: the invoker must not wait for the rest
            inv.answerFault(inv.failure != null ? inv.failure
                    : Fault.of(ErrorType.SANDBOX_FAILURE, "the invoke ended without an answer"), function.version());
        }
        String reportStatus = status != null ? status : inv.failedStatus;
        String reportType = status != null ? errorType : inv.failure == null ? null : inv.failure.type().name();
        double durationMs = Math.min(millisSince(inv.takenNanos), function.timeout().toMillis());
        Generation g = gen;
        ChildProcess runtime = g == null ? null : g.runtime;
        Double initDuration = null;
        if (g != null && g.phase.equals("init") && !g.initDurationReported && g.initDurationMs != null) {
            g.initDurationReported = true;
            initDuration = g.initDurationMs;
        }
        Double reportedInit = initDuration;
        long peakBytes = runtime == null ? 0 : runtime.peakMemoryBytes();
        CompletableFuture<Void> drained = runtime == null ? CompletableFuture.completedFuture(null)
                : runtime.logsDrained().completeOnTimeout(null, LOG_DRAIN_MILLIS, TimeUnit.MILLISECONDS);
        drained.whenComplete((v, e) -> context.runOnContext(x -> {
            emit(inv, new PlatformEvent.InvokeReport(Instant.now(), inv.id, durationMs,
                    PlatformEvent.InvokeReport.billed(durationMs), function.memorySizeMb(),
                    Math.max(1, (peakBytes + (1 << 20) - 1) >> 20), reportedInit, reportStatus, reportType));
            inv.sendDeferred();
            inv.releaseBody();
            if (current == inv) {
                current = null;
            }
            if (state == SandboxState.INVOKING) {
                move(SandboxState.READY);
            }
            reported.complete();
            pump();
        }));
        return reported.future();
    }

    // ---- Runtime API -----------------------------------------------------------------------------------

    /** {@code GET /runtime/invocation/next}: parks the request until an invoke is released to it. */
    public void runtimeNext(HttpServerRequest req) {
        Generation g = gen;
        if (g != null && !g.ended && g.machine.state() == RuntimeState.Ready
                && (g.parkedNext == null || g.parkedNext.closed())) {
            // The runtime asks again after its client gave up on the long poll (a read timeout), or after the event
            // released to it was withdrawn: the new call takes the old one's place.
            park(g, req.response());
            if (current == null) {
                pump();
            } else {
                tryDispatch();
            }
            return;
        }
        RuntimeStateMachine.Transition t = transition(g, RuntimeCall.NEXT, req);
        if (t == null) {
            return;
        }
        if (t.from() == RuntimeState.Running) {
            render(current, req.response());
            return;
        }
        park(g, req.response());
        if (state == SandboxState.SHUTTING_DOWN) {
            return;
        }
        if (t.from() == RuntimeState.Started) {
            g.runtimeReady = true;
            g.extensions.closeRegistration();
            checkInitDone(g);
        } else if (current != null && current.delivered()) {
            current.runtimeDoneNanos = System.nanoTime();
            invokeDone();
        } else {
            tryDispatch();
        }
    }

    private static void park(Generation g, HttpServerResponse r) {
        if (g.parkedNext != null) {
            g.parkedNext.reset();
        }
        g.parkedNext = r;
        r.closeHandler(v -> {
            if (g.parkedNext == r) {
                g.parkedNext = null;
            }
        });
    }

    /**
     * Closes the current invoke once the runtime is back in {@code next} and every INVOKE subscriber is back in
     * {@code event/next}; the time the extensions took after the runtime is the invoke's extension overhead.
     */
    private void invokeDone() {
        Invoke inv = current;
        Generation g = gen;
        if (inv == null || inv.finished() || inv.runtimeDoneNanos == 0 || g == null || g.ended
                || !g.extensions.subscribersParked(EventType.INVOKE)) {
            return;
        }
        if (!g.extensions.subscribers(EventType.INVOKE).isEmpty()) {
            Log.info("INVOKE EXTENSIONS DONE(requestId: " + inv.id + ", extensionOverheadMs: "
                    + String.format(java.util.Locale.ROOT, "%.3f", millisSince(inv.runtimeDoneNanos)) + ")");
        }
        finish(inv, null, null);
    }

    /** {@code POST /runtime/invocation/{id}/response}. */
    public void runtimeResponse(String requestId, HttpServerRequest req) {
        Invoke inv = current;
        Generation g = gen;
        if (inv == null || g == null || g.ended || !inv.delivered() || !inv.id.equals(requestId)) {
            json(req.response(), 400, Bodies.INVALID_REQUEST_ID);
            return;
        }
        String mode = req.getHeader(RESPONSE_MODE);
        boolean streaming = "streaming".equals(mode);
        if (mode != null && !mode.isEmpty() && !streaming) {
            RuntimeStateMachine.Transition t = g.machine.apply(RuntimeCall.ERROR);
            if (!t.allowed()) {
                forbidden(req.response(), t.from(), RuntimeState.InvocationResponse);
                return;
            }
            g.machine.apply(RuntimeCall.RESPONSE_SENT);
            json(req.response(), 400, Bodies.INVALID_RESPONSE_MODE);
            inv.answerFault(Fault.of(ErrorType.RUNTIME_INVALID_RESPONSE_MODE_HEADER,
                    "Invalid function response mode: " + mode), function.version());
            return;
        }
        if (transition(g, RuntimeCall.RESPONSE, req) == null) {
            return;
        }
        new ResponseRelay(vertx, inv, g, req, streaming, config.streamedResponseLimit(), function.version()).start();
    }

    /** {@code POST /runtime/invocation/{id}/error}. */
    public void runtimeError(String requestId, HttpServerRequest req) {
        Invoke inv = current;
        Generation g = gen;
        if (inv == null || g == null || g.ended || !inv.delivered() || !inv.id.equals(requestId)) {
            json(req.response(), 400, Bodies.INVALID_REQUEST_ID);
            return;
        }
        if (transition(g, RuntimeCall.ERROR, req) == null) {
            return;
        }
        ErrorType type = ErrorType.fromRuntime(req.getHeader(ERROR_TYPE));
        String postedType = req.getHeader("Content-Type");
        Bounded.read(req, Limits.MAX_PAYLOAD_BYTES).onComplete(ar -> {
            if (inv.finished() || g.ended) {
                return;
            }
            if (ar.failed()) {
                boolean tooLarge = ar.cause() instanceof Bounded.TooLarge;
                json(req.response(), tooLarge ? 413 : 400,
                        tooLarge ? Bodies.tooLarge(Limits.MAX_PAYLOAD_BYTES) : Bodies.TRUNCATED);
                Discard.rest(req);
                g.machine.apply(RuntimeCall.RESPONSE_SENT);
                inv.answerFault(Fault.of(tooLarge ? ErrorType.FUNCTION_RESPONSE_SIZE_TOO_LARGE
                        : ErrorType.RUNTIME_TRUNCATED_RESPONSE, tooLarge
                        ? "Error payload exceeded maximum allowed payload size (" + Limits.MAX_PAYLOAD_BYTES + " bytes)."
                        : "the runtime's error body ended before it was complete"), function.version());
                return;
            }
            Buffer body = ar.result();
            String contentType = postedType;
            if (ERROR_CAUSE_JSON.equals(contentType)) {
                body = ErrorCause.withoutCause(body);
                contentType = "application/json";
            }
            json(req.response(), 202, Bodies.ACCEPTED);
            g.machine.apply(RuntimeCall.RESPONSE_SENT);
            Log.debug("Invoke " + inv.id + " failed with " + type);
            inv.answerFunctionError(contentType, body, function.version());
        });
    }

    /** {@code POST /runtime/init/error}: fails the init at once with the runtime's own error. */
    public void runtimeInitError(HttpServerRequest req) {
        Generation g = gen;
        if (transition(g, RuntimeCall.INIT_ERROR, req) == null) {
            return;
        }
        ErrorType type = ErrorType.fromRuntime(req.getHeader(ERROR_TYPE));
        Bounded.read(req, Limits.MAX_PAYLOAD_BYTES).onComplete(ar -> {
            Buffer body = ar.succeeded() ? ar.result() : Buffer.buffer();
            if (ar.failed() && ar.cause() instanceof Bounded.TooLarge) {
                json(req.response(), 413, Bodies.tooLarge(Limits.MAX_PAYLOAD_BYTES));
                Discard.rest(req);
            } else {
                json(req.response(), 202, Bodies.ACCEPTED);
            }
            String contentType = looksLikeJson(body) ? "application/json" : "application/octet-stream";
            PostedInitError posted = body.length() == 0 ? null : new PostedInitError(body, contentType);
            initFailed(g, Fault.of(type, "Runtime reported an init error"), posted);
        });
    }

    // ---- shutdown --------------------------------------------------------------------------------------

    /** Stops for good: waiting invokes are refused, the runtime is killed and reaped (bounded). */
    public Future<Void> shutdown(String reason) {
        Log.warn("Shutdown initiated: " + reason);
        move(SandboxState.SHUTTING_DOWN);
        for (Invoke inv : intake.drain()) {
            rejectShuttingDown(inv);
        }
        Future<Void> reported = Future.succeededFuture();
        Invoke inv = current;
        if (inv != null && !inv.finished()) {
            boolean answered = inv.answered();
            rejectShuttingDown(inv);
            if (inv.delivered()) {
                // START is out (the runtime may have answered and not yet asked again): END and REPORT follow
                reported = answered ? finish(inv, null, null)
                        : finish(inv, "error", "Client.ExecutionEnvironmentShutDown");
            }
        }
        Generation g = gen;
        if (g == null) {
            return reported;
        }
        if (g.ended) {
            // a reset is already stopping this generation: its sequence finishes the job
            return g.shutdown == null ? reported : Future.all(reported, g.shutdown).mapEmpty();
        }
        g.ended = true;
        cancel(g.initTimer);
        g.shutdown = ShutdownSequence.start(context, g, reason, config.shutdownTimeout());
        return Future.all(reported, g.shutdown).mapEmpty();
    }

    private void rejectShuttingDown(Invoke inv) {
        String type = "Client.ExecutionEnvironmentShutDown";
        inv.refuse(400, type, new ErrorBody("The execution environment is shutting down", type).bytes(),
                function.version());
        cancel(inv.timer);
    }

    // ---- Extensions API --------------------------------------------------------------------------------

    @Override
    public void register(String name, Set<EventType> events, boolean wantsAccountId, HttpServerResponse response) {
        Generation g = gen;
        if (g == null || g.ended) {
            ExtensionsApi.refuse(response, ApiError.forbidden("Extension.RegistrationClosed",
                    "Extension registration closed already"));
            return;
        }
        ExtensionRegistry.Registration r = g.extensions.register(name, events);
        if (r.error() != null) {
            ExtensionsApi.refuse(response, r.error());
            return;
        }
        Extension e = r.extension();
        Log.info("Extension " + name + " registered (" + e.kind().name().toLowerCase(java.util.Locale.ROOT)
                + ", events: " + events + ")");
        String accountId = wantsAccountId && !function.accountId().isEmpty() ? function.accountId() : null;
        response.putHeader(ExtensionsApi.IDENTIFIER, e.id());
        json(response, 200, Events.registered(function.name(), function.version(), function.handler(), accountId));
        if (g.extensionsLaunched && g.extensions.externalsRegistered()) {
            launchRuntime(g);
        }
    }

    @Override
    public void next(String extensionId, HttpServerResponse response) {
        Generation g = gen;
        Extension e = g == null ? null : g.extensions.byId(extensionId);
        if (e == null) {
            ExtensionsApi.refuse(response, ApiError.forbidden("Extension.UnknownExtensionIdentifier",
                    "Unknown extension " + extensionId));
            return;
        }
        ApiError refused = e.next(response);
        if (refused != null) {
            ExtensionsApi.refuse(response, refused);
            return;
        }
        if (g.shutdownEvent != null && e.subscribed(EventType.SHUTDOWN)) {
            e.deliver(g.shutdownEvent);
        } else if (state == SandboxState.INITIALIZING) {
            checkInitDone(g);
        } else {
            invokeDone();
            tryDispatch();
        }
    }

    @Override
    public void initError(String extensionId, String errorType, HttpServerResponse response) {
        extensionError(extensionId, response, true, errorType);
    }

    @Override
    public void exitError(String extensionId, String errorType, HttpServerResponse response) {
        extensionError(extensionId, response, false, errorType);
    }

    /** {@code init/error} and {@code exit/error}: the extension's own fatal error for its generation. */
    private void extensionError(String extensionId, HttpServerResponse response, boolean init, String reported) {
        Generation g = gen;
        Extension e = g == null ? null : g.extensions.byId(extensionId);
        if (e == null) {
            ExtensionsApi.refuse(response, ApiError.forbidden("Extension.UnknownExtensionIdentifier",
                    "Unknown Lambda-Extension-Identifier"));
            return;
        }
        ApiError refused = init ? e.initError() : e.exitError();
        if (refused != null) {
            ExtensionsApi.refuse(response, refused);
            return;
        }
        json(response, 202, Bodies.ACCEPTED);
        Log.warn("Extension " + e.name() + " reported an " + (init ? "init" : "exit") + " error: " + reported);
        fatal(g, Fault.of(init ? ErrorType.EXTENSION_INIT_ERROR : ErrorType.EXTENSION_EXIT_ERROR,
                "Extension " + e.name() + " reported " + (init ? "an init" : "an exit") + " error: " + reported));
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** A line of the runtime's or an extension's output: to stdout, and to the current invoke's Tail log. */
    private void processLine(String text) {
        Invoke inv = current;
        if (inv != null) {
            inv.log(text);
        }
        stdout.line(text);
    }

    /** Adds a listener of the platform events (on the event loop; see {@link PlatformListener}). */
    public void subscribe(PlatformListener listener) {
        listeners.add(listener);
    }

    /** The one place a platform event is emitted: to every listener, and into its invoke's Tail log. */
    private void emit(Invoke inv, PlatformEvent event) {
        for (PlatformListener l : listeners) {
            l.on(event);
        }
        if (inv != null && inv.tailed()) {
            PlatformLines.of(event).forEach(inv::log);
        }
    }

    private void move(SandboxState to) {
        if (state != to) {
            Log.debug("sandbox " + state + " -> " + to);
            state = to;
        }
    }

    private void cancel(long timer) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    private static double millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000.0;
    }

    private static boolean looksLikeJson(Buffer body) {
        try {
            Json.MAPPER.readTree(body.getBytes());
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    static void json(HttpServerResponse r, int status, byte[] body) {
        r.setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
    }

    /** Applies a runtime call; when the generation is gone or the call is not allowed, answers 403 and returns null. */
    private static RuntimeStateMachine.Transition transition(Generation g, RuntimeCall call, HttpServerRequest req) {
        if (g == null || g.ended) {
            forbidden(req.response(), g == null ? RuntimeState.Started : g.machine.state(), call.target());
            return null;
        }
        RuntimeStateMachine.Transition t = g.machine.apply(call);
        if (!t.allowed()) {
            forbidden(req.response(), t.from(), t.to());
            return null;
        }
        return t;
    }

    private static void forbidden(HttpServerResponse r, RuntimeState from, RuntimeState to) {
        json(r, 403, Bodies.invalidRuntimeTransition(from.name(), to.name()));
    }

    /** Lets the front-end build an invoke without reaching into this package's internals. */
    public static Invoke newInvoke(String id, InvocationType type, boolean tail, String traceId, String clientContext,
                                   HttpServerRequest request) {
        return new Invoke(id, type, tail, traceId, clientContext, request);
    }
}
