package io.rapidjava.rapid.sandbox;

import io.rapidjava.extensions.EventType;
import io.rapidjava.extensions.Extension;
import io.rapidjava.extensions.ExtensionKind;
import io.rapidjava.fatalerror.ExitStatus;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.rapid.Log;
import io.rapidjava.rapid.process.ChildProcess;
import io.rapidjava.rapid.process.Reaper;
import io.rapidjava.rapid.process.Signals;
import io.rapidjava.rendering.Events;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * The one way a generation ends (spec §3.5), for a spindown, a timeout or a failure, with one deadline: the
 * runtime gets SIGTERM and a short grace when extensions are registered (SIGKILL at once when none are), then
 * SHUTDOWN subscribers get the SHUTDOWN event and until the deadline to exit, then every process group left is
 * SIGKILLed and every process reaped. The waits run on a virtual thread; extension state is touched on the
 * sandbox's event loop only.
 */
final class ShutdownSequence {

    /** Lambda's SIGTERM grace for the runtime when extensions are registered; longer with an internal one. */
    private static final long RUNTIME_GRACE_MILLIS = 300;
    private static final long RUNTIME_GRACE_WITH_INTERNAL_MILLIS = 500;
    private static final long KILL_WAIT_MILLIS = 1000;
    private static final long REAP_WAIT_MILLIS = 2000;
    private static final long REAP_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long LOG_DRAIN_MILLIS = 100;

    /** The longest the sequence waits for what must be delivered before SHUTDOWN. */
    private static final long DRAIN_MILLIS = 1000;

    private final Context context;
    private final Supplier<Future<Void>> reports;
    private final List<Function<Duration, Future<Void>>> drains;
    private final Generation g;
    private final String reason;
    private final long deadlineNanos;
    private final long deadlineEpochMs;
    private final long runtimeGraceMillis;
    private final CompletableFuture<Void> launches;
    private final long startNanos = System.nanoTime();
    private ChildProcess runtime;
    private List<ChildProcess> extensions;
    private java.util.Map<String, ChildProcess> names = java.util.Map.of();
    /** Processes given time to exit (the runtime's SIGTERM grace, a SHUTDOWN subscriber) still alive when it was up. */
    private final java.util.Set<ChildProcess> killed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private ShutdownSequence(Context context, Generation g, String reason, Duration timeout,
                             Supplier<Future<Void>> reports, List<Function<Duration, Future<Void>>> drains) {
        this.context = context;
        this.reports = reports;
        this.drains = drains;
        this.g = g;
        this.reason = reason;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.deadlineEpochMs = System.currentTimeMillis() + timeout.toMillis();
        if (g.extensions.registeredCount() == 0) {
            runtimeGraceMillis = 0;
        } else {
            runtimeGraceMillis = g.extensions.anyInternal() ? RUNTIME_GRACE_WITH_INTERNAL_MILLIS : RUNTIME_GRACE_MILLIS;
        }
        this.launches = g.launches;
    }

    /** Starts the sequence; call on the sandbox's event loop. The future completes there, with how it went. */
    static Future<ShutdownSummary> start(Context context, Generation g, String reason, Duration timeout,
                                         Supplier<Future<Void>> reports,
                                         List<Function<Duration, Future<Void>>> drains) {
        ShutdownSequence s = new ShutdownSequence(context, g, reason, timeout, reports, drains);
        Promise<ShutdownSummary> done = Promise.promise();
        Thread.ofVirtual().name("shutdown-" + g.number).start(() -> {
            try {
                s.run();
            } catch (RuntimeException e) {
                Log.error("Shutdown of generation " + g.number + " failed: " + e);
            } finally {
                ShutdownSummary summary = s.summary();
                context.runOnContext(v -> done.complete(summary));
            }
        });
        return done.future();
    }

    private ShutdownSummary summary() {
        List<ShutdownSummary.ProcessEnd> ends = new ArrayList<>();
        if (runtime != null) {
            ends.add(end(runtime, "runtime", "runtime"));
        }
        if (extensions != null) {
            names.forEach((name, p) -> ends.add(end(p, name, "extension")));
        }
        return new ShutdownSummary(reason, (System.nanoTime() - startNanos) / 1_000_000.0, ends);
    }

    private ShutdownSummary.ProcessEnd end(ChildProcess p, String name, String role) {
        ExitStatus status = p.onExit().getNow(null);
        String how = status == null ? "gone" : killed.contains(p) ? "killed"
                : status.signalled() ? "signalled" : "exited";
        return new ShutdownSummary.ProcessEnd(name, role, p.pid(), how,
                status == null || status.signalled() ? -1 : status.code(), status == null ? 0 : status.signal());
    }

    private void run() {
        // a launch in flight finishes first, so that what it started is stopped too
        await(launches, KILL_WAIT_MILLIS);
        OnLoop.call(context, () -> {
            runtime = g.runtime;
            extensions = List.copyOf(g.extensionProcesses.values());
            names = new java.util.LinkedHashMap<>(g.extensionProcesses);
            return null;
        });
        stopRuntime();
        Log.debug("Shutdown of generation " + g.number + ": runtime stopped");
        drain();
        List<ChildProcess> subscribers = OnLoop.call(context, this::releaseExtensions);
        for (ChildProcess p : subscribers) {
            await(p.onExit(), remainingMillis());
        }
        Log.debug("Shutdown of generation " + g.number + ": extensions done");
        for (ChildProcess p : extensions) {
            if (p.alive()) {
                killed.add(p);
                Log.warn("Extension " + p.name() + " (pid " + p.pid() + ") did not exit by the shutdown deadline: killed");
            }
            p.killGroup();
        }
        if (runtime != null) {
            runtime.killGroup();
        }
        awaitReaped();
        Log.debug("Shutdown of generation " + g.number + ": every process reaped");
        List<CompletableFuture<Void>> drains = new ArrayList<>();
        if (runtime != null) {
            drains.add(runtime.logsDrained());
        }
        extensions.forEach(p -> drains.add(p.logsDrained()));
        await(CompletableFuture.allOf(drains.toArray(CompletableFuture[]::new)), LOG_DRAIN_MILLIS);
    }

    /**
     * The runtime's last records reach the telemetry subscribers before they are told to shut down: the REPORT of an
     * invoke the failure ended (it waits for the runtime's last lines) first, then what is queued for them.
     */
    private void drain() {
        if (drains.isEmpty()) {
            return;
        }
        await(OnLoop.call(context, reports).toCompletionStage().toCompletableFuture(),
                Math.min(DRAIN_MILLIS, remainingMillis()));
        Duration left = Duration.ofMillis(Math.min(DRAIN_MILLIS, remainingMillis()));
        CompletableFuture<Void> drained = OnLoop.call(context, () -> CompletableFuture.allOf(drains.stream()
                .map(d -> d.apply(left).toCompletionStage().toCompletableFuture()).toArray(CompletableFuture[]::new)));
        await(drained, left.toMillis());
    }

    /** SIGTERM and grace (only with extensions, as in Lambda), then SIGKILL of the runtime's whole group. */
    private void stopRuntime() {
        if (runtime == null) {
            return;
        }
        if (runtimeGraceMillis > 0 && runtime.alive()) {
            runtime.signal(Signals.SIGTERM);
            await(runtime.onExit(), Math.min(runtimeGraceMillis, remainingMillis()));
            if (runtime.alive()) {
                killed.add(runtime);
            }
        }
        runtime.killGroup();
        if (!await(runtime.onExit(), KILL_WAIT_MILLIS)) {
            Log.error("Runtime " + runtime.name() + " (pid " + runtime.pid() + ") did not exit after SIGKILL");
        }
    }

    /**
     * On the event loop: the runtime's parked {@code next} is dropped (it stayed open until the runtime was
     * signalled), SHUTDOWN goes to the subscribers waiting in {@code event/next} (later callers get it at once),
     * and extensions that did not subscribe are killed. Returns the processes to wait for.
     */
    private List<ChildProcess> releaseExtensions() {
        if (g.parkedNext != null) {
            g.parkedNext.reset();
            g.parkedNext = null;
        }
        if (g.workers != null) {
            g.workers.resetAll();
        }
        g.shutdownEvent = Events.shutdown(deadlineEpochMs, reason);
        List<ChildProcess> subscribers = new ArrayList<>();
        g.extensionProcesses.forEach((name, process) -> {
            Extension e = g.extensions.byName(name);
            if (e != null && e.registered() && e.subscribed(EventType.SHUTDOWN)) {
                if (e.parked()) {
                    e.deliver(g.shutdownEvent);
                }
                subscribers.add(process);
            } else {
                // given no time, as the runtime without extensions: signalled, not killed past its time
                process.killGroup();
            }
        });
        for (Extension e : g.extensions.all()) {
            if (e.kind() == ExtensionKind.INTERNAL) {
                e.abandon();
            }
        }
        return subscribers;
    }

    /**
     * Waits (bounded) until no process of the generation is left, collecting orphans as they exit. Processes
     * that left their group (setsid, daemonising) are still the daemon's descendants: they are killed too, as
     * nothing else of the sandbox runs between generations.
     */
    private void awaitReaped() {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(REAP_WAIT_MILLIS);
        killDescendants();
        while (anyGroupAlive() || (Reaper.ownsAllChildren() && ProcessHandle.current().children().findAny().isPresent())) {
            if (System.nanoTime() - until > 0) {
                Log.error("Processes of generation " + g.number + " are still alive after shutdown");
                return;
            }
            Reaper.reapNow();
            killDescendants();
            LockSupport.parkNanos(REAP_POLL_NANOS);
        }
    }

    /** The daemon's every descendant; an embedding host's other children are not ours, so only our processes' own. */
    private void killDescendants() {
        if (Reaper.ownsAllChildren()) {
            ProcessHandle.current().descendants().forEach(p -> Signals.kill((int) p.pid(), Signals.SIGKILL));
            return;
        }
        List<ChildProcess> ours = new ArrayList<>(extensions);
        if (runtime != null) {
            ours.add(runtime);
        }
        for (ChildProcess c : ours) {
            ProcessHandle.of(c.pid()).ifPresent(h -> h.descendants()
                    .forEach(p -> Signals.kill((int) p.pid(), Signals.SIGKILL)));
        }
    }

    private boolean anyGroupAlive() {
        if (runtime != null && runtime.groupAlive()) {
            return true;
        }
        for (ChildProcess p : extensions) {
            if (p.groupAlive()) {
                return true;
            }
        }
        return false;
    }

    private long remainingMillis() {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static boolean await(CompletableFuture<?> future, long millis) {
        try {
            future.get(millis, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
