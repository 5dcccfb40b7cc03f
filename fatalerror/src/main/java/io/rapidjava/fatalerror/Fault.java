package io.rapidjava.fatalerror;

import java.util.Objects;

/**
 * An error as a value: its type and a human message (without the {@code RequestId: ... Error:} prefix,
 * which is added when the fault is rendered for one invoke).
 */
public record Fault(ErrorType type, String message) {

    public Fault {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(message, "message");
    }

    public static Fault of(ErrorType type, String message) {
        return new Fault(type, message);
    }

    /** {@code RequestId: <id> Error: <message>}, or {@code Error: <message>} when there is no request. */
    public String messageFor(String requestId) {
        return requestId == null || requestId.isEmpty()
                ? "Error: " + message
                : "RequestId: " + requestId + " Error: " + message;
    }

    /** The text of a process exit in Lambda's words, e.g. {@code exit status 1} or {@code signal: killed}. */
    public static String exitText(ExitStatus status) {
        return status.signalled() ? "signal: " + status.signalName() : "exit status " + status.code();
    }

    public static Fault runtimeExit(ExitStatus status) {
        if (status.clean()) {
            return of(ErrorType.RUNTIME_EXIT_ERROR, "Runtime exited without providing a reason");
        }
        return of(ErrorType.RUNTIME_EXIT_ERROR, "Runtime exited with error: " + exitText(status));
    }

    public static Fault extensionCrash(String extension, ExitStatus status) {
        String how = status.clean() ? "exit code 0" : exitText(status);
        return of(ErrorType.EXTENSION_CRASH, "Extension " + extension + " exited: " + how);
    }
}
