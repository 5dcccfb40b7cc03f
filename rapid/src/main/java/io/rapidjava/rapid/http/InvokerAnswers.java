package io.rapidjava.rapid.http;

import io.rapidjava.rendering.ErrorBody;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * The one place that writes an answer to an invoker: Lambda's headers on every answer, a Content-Length, and the
 * rest of a request body that was not read drained (bounded), so a client that sends its whole body before it reads
 * sees the answer and its keep-alive connection stays usable.
 */
public final class InvokerAnswers {

    public static final String REQUEST_ID = "X-Amzn-RequestId";
    public static final String EXECUTED_VERSION = "X-Amz-Executed-Version";
    public static final String ERROR_TYPE = "X-Amzn-ErrorType";

    private InvokerAnswers() {
    }

    /** The headers every answer carries. */
    public static MultiMap headers(String requestId, String executedVersion) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        h.set(REQUEST_ID, requestId);
        h.set(EXECUTED_VERSION, executedVersion);
        return h;
    }

    /** A refusal in Lambda's error shape: {@code {"errorMessage":...,"errorType":...}} and {@code X-Amzn-ErrorType}. */
    public static void refuse(HttpServerRequest req, String requestId, String executedVersion, int status,
                              String errorType, String message) {
        refuse(req, requestId, executedVersion, status, errorType, new ErrorBody(message, errorType).bytes());
    }

    public static void refuse(HttpServerRequest req, String requestId, String executedVersion, int status,
                              String errorType, byte[] body) {
        MultiMap h = headers(requestId, executedVersion);
        h.set("Content-Type", "application/json");
        h.set(ERROR_TYPE, errorType);
        send(req, status, h, List.of(Buffer.buffer(body)), null);
    }

    /** Sends a whole answer, unless the invoker is gone or was answered already. */
    public static void send(HttpServerRequest req, int status, MultiMap headers, List<Buffer> body, String logResult) {
        HttpServerResponse r = req.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(status);
        r.headers().setAll(headers);
        if (logResult != null) {
            r.putHeader("X-Amz-Log-Result", logResult);
        }
        long length = 0;
        for (Buffer b : body) {
            length += b.length();
        }
        r.putHeader("Content-Length", Long.toString(length));
        if (body.size() == 1) {
            r.end(body.getFirst());
        } else {
            body.forEach(r::write);
            r.end();
        }
        Discard.rest(req);
    }
}
