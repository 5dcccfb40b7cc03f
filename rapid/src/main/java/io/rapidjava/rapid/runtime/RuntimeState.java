package io.rapidjava.rapid.runtime;

/** The runtime's states, named as Lambda names them in error messages (spec §2.1). */
public enum RuntimeState {
    Started,
    InitError,
    Ready,
    Running,
    /** SnapStart: the runtime waits in {@code restore/next}, at the point Lambda takes its snapshot. */
    RestoreReady,
    /** SnapStart: {@code restore/next} was answered; the runtime runs its after-restore hooks. */
    Restoring,
    InvocationResponse,
    InvocationErrorResponse,
    RuntimeResponseSentState,
    /** SnapStart: the runtime reported that its after-restore hooks failed. */
    RuntimeRestoreErrorState
}
