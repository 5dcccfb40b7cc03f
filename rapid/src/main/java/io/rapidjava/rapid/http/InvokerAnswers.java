package io.rapidjava.rapid.http;

import io.rapidjava.extensions.Discard;
import io.rapidjava.interop.InvokeResult.Outcome;
import io.rapidjava.rapid.sandbox.Answer;
import io.rapidjava.rendering.ErrorBody;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Base64;
import java.util.List;

/**
 * The one place that writes an answer to an invoker: Lambda's headers on every answer (the request id; the executed
 * version on the answers of a function that ran, as the Invoke reference says; the function error mark, the error
 * type of a refusal, the log tail), a Content-Length, and the rest of a request
 * body that was not read drained (bounded), so a client that sends its whole body before it reads sees the answer
 * and its keep-alive connection stays usable.
 */
public final class InvokerAnswers {

    public static final String REQUEST_ID = "X-Amzn-RequestId";
    public static final String EXECUTED_VERSION = "X-Amz-Executed-Version";
    public static final String ERROR_TYPE = "X-Amzn-ErrorType";
    static final String FUNCTION_ERROR = "X-Amz-Function-Error";
    static final String TRAILER_ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
    static final String TRAILER_ERROR_BODY = "Lambda-Runtime-Function-Error-Body";

    private InvokerAnswers() {
    }

    /** A refusal of the front-end's own, in Lambda's error shape. */
    public static void refuse(HttpServerRequest req, String requestId, String executedVersion, int status,
                              String errorType, String message) {
        refuse(req, requestId, executedVersion, status, errorType, new ErrorBody(message, errorType).bytes());
    }

    public static void refuse(HttpServerRequest req, String requestId, String executedVersion, int status,
                              String errorType, byte[] body) {
        send(req, new Answer(requestId, executedVersion, Outcome.REFUSED, status, errorType, "application/json",
                List.of(Buffer.buffer(body)), null));
    }

    /** Sends a whole answer, unless the invoker is gone or was answered already. */
    public static void send(HttpServerRequest req, Answer a) {
        HttpServerResponse r = req.response();
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(a.status());
        headers(r.headers(), a);
        r.putHeader("Content-Length", Long.toString(a.length()));
        List<Buffer> body = a.body();
        if (body.size() == 1) {
            r.end(body.getFirst());
        } else {
            body.forEach(r::write);
            r.end();
        }
        Discard.rest(req);
    }

    /** Starts an answer that flows: with the runtime's length, or chunked (its errors then go in trailers). */
    static HttpServerResponse open(HttpServerResponse r, Answer head, long length) {
        r.setStatusCode(head.status());
        headers(r.headers(), head);
        if (length < 0) {
            r.setChunked(true);
        } else {
            r.putHeader("Content-Length", Long.toString(length));
        }
        return r;
    }

    /** Ends a chunked answer with Lambda's error trailers. */
    static void failTrailers(HttpServerResponse r, String errorType, Buffer body) {
        r.trailers().set(TRAILER_ERROR_TYPE, errorType);
        r.trailers().set(TRAILER_ERROR_BODY, Base64.getEncoder().encodeToString(body.getBytes()));
        r.trailers().set(FUNCTION_ERROR, "Unhandled");
        r.end();
    }

    static void headers(MultiMap h, Answer a) {
        h.set(REQUEST_ID, a.requestId());
        if (a.outcome() == Outcome.SUCCESS || a.outcome() == Outcome.FUNCTION_ERROR) {
            h.set(EXECUTED_VERSION, a.version());
        }
        if (a.contentType() != null) {
            h.set("Content-Type", a.contentType());
        }
        if (a.outcome() == Outcome.FUNCTION_ERROR) {
            h.set(FUNCTION_ERROR, "Unhandled");
        } else if (a.outcome() == Outcome.REFUSED) {
            h.set(ERROR_TYPE, a.errorType());
        }
        if (a.logTail() != null) {
            h.set("X-Amz-Log-Result", Base64.getEncoder().encodeToString(a.logTail()));
        }
    }
}
