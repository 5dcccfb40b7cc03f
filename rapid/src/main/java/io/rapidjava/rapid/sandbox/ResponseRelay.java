package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.Limits;
import io.rapidjava.rapid.http.Discard;
import io.rapidjava.rapid.http.TrailerCapture;
import io.rapidjava.rapid.runtime.RuntimeCall;
import io.rapidjava.rapid.runtime.RuntimeState;
import io.rapidjava.rendering.Bodies;
import io.rapidjava.rendering.ErrorBody;
import io.netty.handler.codec.http.HttpHeaders;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * One runtime response ({@code POST /runtime/invocation/{id}/response}) on its way to the invoker: passed through
 * chunk by chunk when it can be (streamed, or of known length, and no Tail log to wait for), else gathered and
 * answered whole. A response that ends early, breaks a limit or carries error trailers becomes the invoker's error;
 * once bytes are out, that error ends the answer itself (trailers, or a closed connection).
 */
final class ResponseRelay {

    static final Fault TRUNCATED = Fault.of(ErrorType.RUNTIME_TRUNCATED_RESPONSE,
            "the runtime's response ended before it was complete");
    private static final long EXIT_GRACE_MILLIS = 200;

    private final Vertx vertx;
    private final Invoke inv;
    private final Generation g;
    private final HttpServerRequest req;
    private final boolean streaming;
    private final long limit;
    private final long declared;
    private final boolean passThrough;
    private final String version;
    private final List<Buffer> kept = new ArrayList<>();
    private long bytes;
    private boolean headersSent;
    private boolean overLimit;

    ResponseRelay(Vertx vertx, Invoke inv, Generation g, HttpServerRequest req, boolean streaming,
                  long streamedLimit, String version) {
        this.vertx = vertx;
        this.inv = inv;
        this.g = g;
        this.req = req;
        this.streaming = streaming;
        this.limit = streaming ? streamedLimit : Limits.MAX_PAYLOAD_BYTES;
        this.version = version;
        String length = req.getHeader("Content-Length");
        long parsed = -1;
        try {
            parsed = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException ignored) {
            // Netty refuses such requests before they get here
        }
        this.declared = parsed;
        this.passThrough = inv.canPassThrough() && (streaming || declared >= 0);
    }

    void start() {
        if (!streaming && declared > limit) {
            tooLarge(declared);
            Discard.rest(req);
            return;
        }
        req.handler(this::chunk);
        req.endHandler(v -> end());
        req.exceptionHandler(e -> truncated());
        // the response's handler, not the connection's: that one belongs to the server's connection guard
        req.response().closeHandler(v -> {
            if (!req.isEnded()) {
                truncated();
            }
        });
    }

    private void chunk(Buffer buf) {
        if (inv.finished() || overLimit || buf.length() == 0) {
            return;
        }
        bytes += buf.length();
        if (bytes > limit) {
            overLimit = true;
            return;
        }
        if (!passThrough) {
            kept.add(buf);
            return;
        }
        HttpServerResponse out = inv.invoker;
        if (!headersSent) {
            sendHeaders();
        }
        if (inv.invokerGone) {
            return;
        }
        out.write(buf);
        if (out.writeQueueFull()) {
            req.pause();
            out.drainHandler(v -> req.resume());
            inv.onGone = req::resume;
        }
    }

    private void sendHeaders() {
        headersSent = true;
        inv.relayStarted(streaming);
        HttpServerResponse out = inv.invoker;
        out.setStatusCode(200);
        out.headers().setAll(successHeaders());
        if (streaming) {
            out.setChunked(true);
        } else {
            out.putHeader("Content-Length", Long.toString(declared));
        }
    }

    private MultiMap successHeaders() {
        MultiMap h = inv.headers(version);
        String contentType = req.getHeader("Content-Type");
        h.set("Content-Type", contentType == null || contentType.isEmpty() ? "application/json" : contentType);
        return h;
    }

    private void end() {
        if (inv.finished() || g.ended) {
            return;
        }
        if (overLimit) {
            tooLarge(bytes);
            return;
        }
        HttpHeaders trailers = TrailerCapture.of(req);
        String errorType = trailers.get(Invoke.TRAILER_ERROR_TYPE);
        Sandbox.json(req.response(), 202, Bodies.ACCEPTED);
        g.machine.apply(RuntimeCall.RESPONSE_SENT);
        if (errorType != null && !errorType.isEmpty()) {
            trailerError(ErrorType.fromRuntime(errorType), trailers.get(Invoke.TRAILER_ERROR_BODY));
            return;
        }
        if (passThrough) {
            if (!headersSent) {
                sendHeaders();
            }
            inv.relayEnded();
            if (!inv.invokerGone) {
                inv.invoker.end();
            }
        } else {
            inv.answer(200, successHeaders(), kept);
        }
    }

    private void trailerError(ErrorType type, String encodedBody) {
        Buffer body;
        try {
            body = encodedBody == null || encodedBody.isEmpty()
                    ? Buffer.buffer(Bodies.invokeFault(Fault.of(type, "function reported an error"), inv.id))
                    : Buffer.buffer(Base64.getDecoder().decode(encodedBody));
        } catch (IllegalArgumentException e) {
            body = Buffer.buffer(encodedBody);
        }
        if (headersSent) {
            inv.failRelay(type, body);
            return;
        }
        inv.answerFunctionError("application/json", body, version);
    }

    private void tooLarge(long size) {
        Sandbox.json(req.response(), 413, Bodies.tooLarge(limit));
        g.machine.apply(RuntimeCall.RESPONSE_SENT);
        Fault fault = Fault.of(ErrorType.FUNCTION_RESPONSE_SIZE_TOO_LARGE, "Response payload size (" + size
                + " bytes) exceeded maximum allowed payload size (" + limit + " bytes).");
        Buffer body = Buffer.buffer(new ErrorBody(fault.message(), fault.type().name()).bytes());
        if (headersSent) {
            inv.failRelay(fault.type(), body);
            return;
        }
        inv.answerFunctionError("application/json", body, version);
    }

    /**
     * The runtime's request ended before its body did: the invoke failed, whatever reached the invoker. A runtime
     * that dies mid-answer closes its connection a moment before its exit is seen; the invoker is answered after a
     * short grace, so such an invoke reports the exit rather than the cut.
     */
    private void truncated() {
        if (inv.finished() || g.ended || g.machine.state() != RuntimeState.InvocationResponse) {
            return;
        }
        g.machine.apply(RuntimeCall.RESPONSE_SENT);
        if (!req.response().ended() && !req.response().closed()) {
            Sandbox.json(req.response(), 400, Bodies.TRUNCATED);
        }
        inv.failedAs("error", TRUNCATED);
        vertx.setTimer(EXIT_GRACE_MILLIS, id -> {
            if (!inv.finished()) {
                inv.answerFault(TRUNCATED, version);
            }
        });
    }
}
