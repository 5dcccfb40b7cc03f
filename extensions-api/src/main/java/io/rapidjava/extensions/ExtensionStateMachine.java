package io.rapidjava.extensions;

/**
 * The one place that decides an extension's transitions (spec §2.2 for external, §2.3 for internal extensions).
 * Not thread-safe: lives on the sandbox's event loop.
 */
public final class ExtensionStateMachine {

    /** The outcome of a call: the state it left and, when refused, the state it aimed for. */
    public record Transition(boolean allowed, ExtensionState from, ExtensionState to) {
    }

    private final ExtensionKind kind;
    private ExtensionState state = ExtensionState.Started;

    public ExtensionStateMachine(ExtensionKind kind) {
        this.kind = kind;
    }

    public ExtensionState state() {
        return state;
    }

    /** Applies the call when Lambda allows it from the current state; a refused call changes nothing. */
    public Transition apply(ExtensionCall call) {
        ExtensionState from = state;
        ExtensionState to = next(kind, from, call);
        if (to == null) {
            return new Transition(false, from, call.target());
        }
        state = to;
        return new Transition(true, from, to);
    }

    static ExtensionState next(ExtensionKind kind, ExtensionState from, ExtensionCall call) {
        boolean external = kind == ExtensionKind.EXTERNAL;
        return switch (call) {
            case REGISTER -> from == ExtensionState.Started ? ExtensionState.Registered : null;
            case NEXT -> from == ExtensionState.Registered || from == ExtensionState.Running ? ExtensionState.Ready : null;
            case RELEASE -> from == ExtensionState.Ready ? ExtensionState.Running : null;
            case INIT_ERROR -> from == ExtensionState.Registered || from == ExtensionState.InitError
                    ? ExtensionState.InitError : null;
            case EXIT_ERROR -> switch (from) {
                case Registered, Ready, Running, ExitError -> ExtensionState.ExitError;
                default -> null;
            };
            case EXITED -> external && from == ExtensionState.Running ? ExtensionState.Exited : null;
            // Wider than the emulator's table (Running only): an extension killed at the deadline while parked,
            // or one that never registered, also failed its shutdown, and the record should say so.
            case SHUTDOWN_FAILED -> external && switch (from) {
                case Started, Registered, Ready, Running, InitError, ExitError -> true;
                default -> false;
            } ? ExtensionState.ShutdownFailed : null;
            case LAUNCH_FAILED -> external && from == ExtensionState.Started ? ExtensionState.LaunchError : null;
        };
    }
}
