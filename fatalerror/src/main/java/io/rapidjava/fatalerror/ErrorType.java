package io.rapidjava.fatalerror;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An error type string as it appears on the wire ({@code errorType}, {@code X-Amz-Function-Error} bodies,
 * telemetry {@code errorType}). The platform's own types are the constants below; runtime-supplied types
 * enter only through {@link #fromRuntime(String)}.
 */
public record ErrorType(String name) {

    public static final ErrorType EXTENSION_INIT_ERROR = new ErrorType("Extension.InitError");
    public static final ErrorType EXTENSION_EXIT_ERROR = new ErrorType("Extension.ExitError");
    public static final ErrorType EXTENSION_CRASH = new ErrorType("Extension.Crash");
    public static final ErrorType EXTENSION_LAUNCH_ERROR = new ErrorType("Extension.LaunchError");
    public static final ErrorType RUNTIME_EXIT_ERROR = new ErrorType("Runtime.ExitError");
    public static final ErrorType RUNTIME_INVALID_ENTRYPOINT = new ErrorType("Runtime.InvalidEntrypoint");
    public static final ErrorType RUNTIME_INVALID_WORKING_DIR = new ErrorType("Runtime.InvalidWorkingDir");
    public static final ErrorType RUNTIME_TRUNCATED_RESPONSE = new ErrorType("Runtime.TruncatedResponse");
    public static final ErrorType RUNTIME_INVALID_RESPONSE_MODE_HEADER = new ErrorType("Runtime.InvalidResponseModeHeader");
    public static final ErrorType RUNTIME_UNKNOWN = new ErrorType("Runtime.Unknown");
    public static final ErrorType FUNCTION_RESPONSE_SIZE_TOO_LARGE = new ErrorType("Function.ResponseSizeTooLarge");
    public static final ErrorType FUNCTION_UNKNOWN = new ErrorType("Function.Unknown");
    public static final ErrorType SANDBOX_FAILURE = new ErrorType("Sandbox.Failure");
    public static final ErrorType SANDBOX_TIMEOUT = new ErrorType("Sandbox.Timeout");
    public static final ErrorType SANDBOX_TIMEDOUT = new ErrorType("Sandbox.Timedout");

    // Anchored, unlike the emulator's: "MyError.Runtime.Foo" is not a Runtime error.
    private static final Pattern RUNTIME_SUPPLIED = Pattern.compile("(Runtime|Function)\\.[A-Z][a-zA-Z]+");

    public ErrorType {
        Objects.requireNonNull(name, "name");
    }

    /**
     * The type a runtime may report through {@code Lambda-Runtime-Function-Error-Type}: kept when it is a
     * {@code Runtime.X} or {@code Function.X} name, otherwise {@code Function.Unknown} for other
     * {@code Function.} strings and {@code Runtime.Unknown} for everything else (including null).
     */
    public static ErrorType fromRuntime(String header) {
        if (header == null) {
            return RUNTIME_UNKNOWN;
        }
        if (RUNTIME_SUPPLIED.matcher(header).matches()) {
            return new ErrorType(header);
        }
        return header.startsWith("Function.") ? FUNCTION_UNKNOWN : RUNTIME_UNKNOWN;
    }

    /** The category before the first dot: {@code Runtime}, {@code Function}, {@code Extension}, {@code Sandbox}. */
    public String category() {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    @Override
    public String toString() {
        return name;
    }
}
