package io.rapidjava.interop;

/**
 * How an invoke was answered, as Lambda's Invoke call reports it: {@code status} is the HTTP status Lambda gives
 * (200, 202 for {@code Event}, 204 for {@code DryRun}, 4xx when refused), {@code errorType} the function's or the
 * platform's error (null on success), {@code logTail} the last 4 KB of the invoke's log when asked (else null).
 * The payload of a streamed answer may still be flowing when the result is given.
 */
public record InvokeResult(
        String requestId,
        Outcome outcome,
        int status,
        String errorType,
        String contentType,
        Payload payload,
        String logTail) {

    public enum Outcome {
        /** The function answered. */
        SUCCESS,
        /** The function failed, or the platform failed it (timeout, crash): Lambda's {@code X-Amz-Function-Error}. */
        FUNCTION_ERROR,
        /** An {@code Event} invoke was queued, or a {@code DryRun} checked. */
        ACCEPTED,
        /** The platform would not run it (queue full, bad event, shutting down): a 4xx in Lambda's error shape. */
        REFUSED
    }
}
