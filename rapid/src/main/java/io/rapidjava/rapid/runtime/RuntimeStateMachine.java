package io.rapidjava.rapid.runtime;

/**
 * The one place that decides the runtime's transitions. Not thread-safe: lives on the sandbox's event loop.
 */
public final class RuntimeStateMachine {

    /** The outcome of a call: the state it left and, when refused, the state it stays in. */
    public record Transition(boolean allowed, RuntimeState from, RuntimeState to) {
    }

    private RuntimeState state = RuntimeState.Started;

    public RuntimeState state() {
        return state;
    }

    /** Applies the call when Lambda allows it from the current state; a refused call changes nothing. */
    public Transition apply(RuntimeCall call) {
        RuntimeState from = state;
        RuntimeState to = next(from, call);
        if (to == null) {
            return new Transition(false, from, call.target());
        }
        state = to;
        return new Transition(true, from, to);
    }

    static RuntimeState next(RuntimeState from, RuntimeCall call) {
        return switch (call) {
            // A second next while Running is allowed and re-delivers the same invoke; a next after restore/next
            // ends the restore.
            case NEXT -> switch (from) {
                case Started, RuntimeResponseSentState, Restoring -> RuntimeState.Ready;
                case Running -> RuntimeState.Running;
                default -> null;
            };
            case RELEASE -> from == RuntimeState.Ready ? RuntimeState.Running : null;
            case WITHDRAW -> from == RuntimeState.Running ? RuntimeState.Ready : null;
            case RESPONSE -> from == RuntimeState.Running ? RuntimeState.InvocationResponse : null;
            case ERROR -> from == RuntimeState.Running ? RuntimeState.InvocationErrorResponse : null;
            case RESPONSE_SENT -> from == RuntimeState.InvocationResponse || from == RuntimeState.InvocationErrorResponse
                    ? RuntimeState.RuntimeResponseSentState : null;
            // an init error while restoring is the restore's error, as Lambda takes it
            case INIT_ERROR -> switch (from) {
                case Started -> RuntimeState.InitError;
                case Restoring -> RuntimeState.RuntimeRestoreErrorState;
                default -> null;
            };
            case RESTORE_NEXT -> from == RuntimeState.Started ? RuntimeState.RestoreReady : null;
            case RESTORE_RELEASE -> from == RuntimeState.RestoreReady ? RuntimeState.Restoring : null;
            case RESTORE_ERROR -> from == RuntimeState.Restoring ? RuntimeState.RuntimeRestoreErrorState : null;
        };
    }
}
