package io.rapidjava.rapid.runtime;

/** What the runtime (or the platform on its behalf) asks of the state machine, with the state it aims for. */
public enum RuntimeCall {
    NEXT(RuntimeState.Ready),
    RELEASE(RuntimeState.Running),
    /** The event released to the runtime was withdrawn (the invoker's body failed): it waits for the next one. */
    WITHDRAW(RuntimeState.Ready),
    RESPONSE(RuntimeState.InvocationResponse),
    ERROR(RuntimeState.InvocationErrorResponse),
    RESPONSE_SENT(RuntimeState.RuntimeResponseSentState),
    INIT_ERROR(RuntimeState.InitError);

    private final RuntimeState target;

    RuntimeCall(RuntimeState target) {
        this.target = target;
    }

    public RuntimeState target() {
        return target;
    }
}
