package io.rapidjava.extensions;

/** What an extension (or the platform about it) asks of its state machine, with the state it aims for. */
public enum ExtensionCall {
    REGISTER(ExtensionState.Registered),
    NEXT(ExtensionState.Ready),
    /** The platform hands a parked {@code event/next} its event. */
    RELEASE(ExtensionState.Running),
    INIT_ERROR(ExtensionState.InitError),
    EXIT_ERROR(ExtensionState.ExitError),
    /** The process exited 0 after SHUTDOWN. */
    EXITED(ExtensionState.Exited),
    /** The process was killed or failed while the sandbox shut down. */
    SHUTDOWN_FAILED(ExtensionState.ShutdownFailed),
    LAUNCH_FAILED(ExtensionState.LaunchError);

    private final ExtensionState target;

    ExtensionCall(ExtensionState target) {
        this.target = target;
    }

    public ExtensionState target() {
        return target;
    }
}
