package io.rapidjava.extensions;

import io.rapidjava.rendering.ErrorBody;

/** A refused Extensions API call: its status and the documented {@code errorType} / {@code errorMessage}. */
public record ApiError(int status, String errorType, String errorMessage) {

    public static ApiError forbidden(String errorType, String errorMessage) {
        return new ApiError(403, errorType, errorMessage);
    }

    static ApiError invalidState(ExtensionState from, ExtensionState to, String extension) {
        return forbidden("Extension.InvalidExtensionState", "State transition from " + from + " to " + to
                + " failed for extension " + extension + ". Error: State transition is not allowed");
    }

    public byte[] body() {
        return new ErrorBody(errorMessage, errorType).bytes();
    }
}
