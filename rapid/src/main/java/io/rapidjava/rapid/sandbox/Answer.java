package io.rapidjava.rapid.sandbox;

import io.rapidjava.interop.InvokeResult;
import io.vertx.core.buffer.Buffer;
import java.util.List;

/**
 * An invoke's answer as the core decides it; each front-end writes it in its own shape. {@code errorType} names the
 * refusal or the function's error (null on success); {@code logTail} is the invoke's last 4 KB of log when asked.
 */
public record Answer(String requestId, String version, InvokeResult.Outcome outcome, int status, String errorType,
                     String contentType, List<Buffer> body, byte[] logTail) {

    Answer withLogTail(byte[] tail) {
        return new Answer(requestId, version, outcome, status, errorType, contentType, body, tail);
    }

    public long length() {
        long n = 0;
        for (Buffer b : body) {
            n += b.length();
        }
        return n;
    }
}
