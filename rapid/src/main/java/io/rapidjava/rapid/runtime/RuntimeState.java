package io.rapidjava.rapid.runtime;

/** The runtime's states, named as Lambda names them in error messages (spec §2.1). */
public enum RuntimeState {
    Started,
    InitError,
    Ready,
    Running,
    InvocationResponse,
    InvocationErrorResponse,
    RuntimeResponseSentState
}
