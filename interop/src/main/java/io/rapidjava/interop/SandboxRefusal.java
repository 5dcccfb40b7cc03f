package io.rapidjava.interop;

/**
 * A call the sandbox will not take in its present state (init twice, reset while shutting down): a value with a
 * Lambda-style error type, never a crash. Front-ends map it to their refusal (the control API's {@code 409}).
 */
public final class SandboxRefusal extends RuntimeException {

    private final String errorType;

    public SandboxRefusal(String errorType, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
