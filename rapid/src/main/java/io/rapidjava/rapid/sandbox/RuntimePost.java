package io.rapidjava.rapid.sandbox;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

/** A runtime's answer or error report (a body it sends), and the reply it gets. Event-loop confined. */
public interface RuntimePost {

    ReadStream<Buffer> body();

    /** The body's length when known up front, else -1. */
    long declaredLength();

    /** The body's media type, or null. */
    String contentType();

    /** The error a streaming runtime reported after its body, once the body ended; null when none. */
    ReportedError trailingError();

    void reply(RuntimeReply reply);

    /** The reply went out, or the runtime went away. */
    boolean answered();

    /** The whole body was read. */
    boolean ended();

    /** Runs {@code then} when the runtime's connection closes before its reply. */
    void onClosed(Runnable then);

    /** Reads and drops what is left of the body (bounded), so the runtime sees its reply. */
    void discardRest();

    /** An error type and its (base64) body, as a streaming runtime reports them. */
    record ReportedError(String errorType, String encodedBody) {
    }
}
