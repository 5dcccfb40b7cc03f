package io.rapidjava.extensions;

/** Lambda's extension states, named as they appear in its error messages. */
public enum ExtensionState {
    Started,
    Registered,
    Ready,
    Running,
    InitError,
    ExitError,
    ShutdownFailed,
    Exited,
    LaunchError
}
