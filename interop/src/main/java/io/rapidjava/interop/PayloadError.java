package io.rapidjava.interop;

/**
 * How a streamed answer ended when it failed after its first bytes: Lambda's error type and body, as the invoke API
 * sends them in its trailers; {@code errorType} null when the stream was cut with nothing to say.
 */
public final class PayloadError extends RuntimeException {

    private final String errorType;
    private final byte[] body;

    public PayloadError(String errorType, byte[] body) {
        super(errorType == null ? "the answer was cut short" : errorType, null, false, false);
        this.errorType = errorType;
        this.body = body;
    }

    public String errorType() {
        return errorType;
    }

    public byte[] body() {
        return body.clone();
    }
}
