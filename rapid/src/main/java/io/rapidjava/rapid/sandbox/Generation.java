package io.rapidjava.rapid.sandbox;

import io.rapidjava.extensions.ExtensionRegistry;
import io.rapidjava.rapid.process.ChildProcess;
import io.rapidjava.rapid.runtime.RuntimeStateMachine;
import io.rapidjava.interop.ShutdownSummary;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One runtime process, the extensions launched with it, and what belongs to them; a reset ends the generation and
 * the next one starts fresh.
 */
final class Generation {
    final int number;
    /** {@code init} at startup, {@code invoke} when re-initialising inside an invoke. */
    final String phase;
    final long initStartNanos;
    final RuntimeStateMachine machine = new RuntimeStateMachine();
    final ExtensionRegistry extensions = new ExtensionRegistry();
    /** External extension processes by extension name, in launch order. */
    final Map<String, ChildProcess> extensionProcesses = new LinkedHashMap<>();

    ChildProcess runtime;
    /** The launch in flight (extensions, then the runtime), done when its processes are recorded here. */
    CompletableFuture<Void> launches = CompletableFuture.completedFuture(null);
    boolean extensionsLaunched;
    boolean runtimeLaunched;
    /** The runtime has called its first {@code next}. */
    boolean runtimeReady;
    NextCall parkedNext;
    /** The runtime's idle workers in the concurrent mode, from its first {@code next}; null otherwise. */
    Workers workers;
    /** SnapStart's restore of this generation; null when SnapStart is off. */
    Restore restore;
    long initTimer = -1;
    Double initDurationMs;
    boolean initDurationReported;
    /** InitRuntimeDone is out. */
    boolean initRuntimeDone;
    boolean ended;
    /** Ended by a reset: the next generation starts as soon as this one is stopped. */
    boolean initAgain;
    /** The SHUTDOWN event, once the shutdown sequence has reached the extensions. */
    byte[] shutdownEvent;
    /** Completes when the shutdown sequence has stopped and reaped every process of this generation. */
    Future<ShutdownSummary> shutdown;

    Generation(int number, String phase, long initStartNanos) {
        this.number = number;
        this.phase = phase;
        this.initStartNanos = initStartNanos;
    }
}
