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
    INIT_ERROR(RuntimeState.InitError),
    /** SnapStart's {@code restore/next}; Lambda names {@code Ready} in its refusal (sic), so does this. */
    RESTORE_NEXT(RuntimeState.Ready),
    /** The platform restores the runtime: its {@code restore/next} is answered. */
    RESTORE_RELEASE(RuntimeState.Restoring),
    RESTORE_ERROR(RuntimeState.RuntimeRestoreErrorState);

    private final RuntimeState target;

    RuntimeCall(RuntimeState target) {
        this.target = target;
    }

    public RuntimeState target() {
        return target;
    }
}
