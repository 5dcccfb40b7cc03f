package io.rapidjava.rendering;

import com.fasterxml.jackson.core.JsonGenerator;
import io.rapidjava.fatalerror.Fault;
import java.io.IOException;

/** The fixed bodies of the Runtime API and the invoke front-end (spec §1.1). */
public final class Bodies {

    public static final byte[] ACCEPTED = Json.body(new Status("OK"));
    public static final byte[] INVALID_REQUEST_ID =
            new ErrorBody("Invalid request ID", "InvalidRequestID").bytes();
    public static final byte[] INTERNAL_SERVER_ERROR =
            new ErrorBody("Internal Server Error", "InternalServerError").bytes();
    public static final byte[] TRUNCATED =
            new ErrorBody("HTTP request detected as truncated", "TruncatedHTTPRequest").bytes();
    public static final byte[] INVALID_RESPONSE_MODE =
            new ErrorBody("Invalid function response mode", "InvalidFunctionResponseMode").bytes();
    /** A runtime's answer for an invoke that timed out (the concurrent mode's, which keeps the sandbox). */
    public static final byte[] INVOKE_TIMEOUT = new ErrorBody("Invoke timeout", "InvokeTimeout").bytes();
    public static final byte[] NOT_FOUND = "404 page not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    private Bodies() {
    }

    public record Status(String status) implements Json.Writable {
        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.field(g, "status", status);
            g.writeEndObject();
        }
    }

    public static byte[] tooLarge(long limit) {
        return new ErrorBody("Exceeded maximum allowed payload size (" + limit + " bytes).", "RequestEntityTooLarge")
                .bytes();
    }

    public static byte[] invalidRuntimeTransition(String from, String to) {
        return new ErrorBody("State transition from " + from + " to " + to
                + " failed for runtime. Error: State transition is not allowed", "InvalidStateTransition").bytes();
    }

    /** The body an invoker gets for a platform-detected failure of its invoke. */
    public static byte[] invokeFault(Fault fault, String requestId) {
        return new ErrorBody(fault.messageFor(requestId), fault.type().name()).bytes();
    }
}
