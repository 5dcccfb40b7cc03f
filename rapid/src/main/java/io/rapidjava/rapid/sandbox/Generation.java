package io.rapidjava.rapid.sandbox;

import io.rapidjava.rapid.process.ChildProcess;
import io.rapidjava.rapid.runtime.RuntimeStateMachine;
import io.vertx.core.http.HttpServerResponse;

/** One runtime process and what belongs to it; a reset ends the generation and the next one starts fresh. */
final class Generation {
    final int number;
    /** {@code init} at startup, {@code invoke} when re-initialising inside an invoke. */
    final String phase;
    final long initStartNanos;
    final RuntimeStateMachine machine = new RuntimeStateMachine();

    ChildProcess runtime;
    HttpServerResponse parkedNext;
    long initTimer = -1;
    Double initDurationMs;
    boolean initDurationReported;
    boolean ended;

    Generation(int number, String phase, long initStartNanos) {
        this.number = number;
        this.phase = phase;
        this.initStartNanos = initStartNanos;
    }
}
