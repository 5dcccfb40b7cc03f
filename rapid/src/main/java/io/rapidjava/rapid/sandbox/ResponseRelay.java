package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.Limits;
import io.rapidjava.rendering.Bodies;
import io.rapidjava.rendering.ErrorBody;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

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
    private final AnswerSide side;
    private final RuntimePost req;
    private final boolean streaming;
    private final long limit;
    private final long declared;
    private final boolean passThrough;
    private final Consumer<String> done;
    private final List<Buffer> kept = new ArrayList<>();
    private long bytes;
    private WriteStream<Buffer> out;
    private boolean overLimit;

    /**
     * {@code done} is told once the runtime's answer is all in, or failed (with the error type): the runtime is done
     * with the invoke.
     */
    ResponseRelay(Vertx vertx, Invoke inv, AnswerSide side, RuntimePost req, boolean streaming, long streamedLimit,
                  Consumer<String> done) {
        this.vertx = vertx;
        this.inv = inv;
        this.side = side;
        this.req = req;
        this.streaming = streaming;
        this.done = done;
        this.declared = req.declaredLength();
        this.passThrough = inv.canPassThrough() && (streaming || declared >= 0);
        this.limit = !streaming ? Limits.MAX_PAYLOAD_BYTES
                : passThrough ? streamedLimit : Math.min(streamedLimit, Limits.MAX_GATHERED_STREAM_BYTES);
    }

    void start() {
        if (!streaming && declared > limit) {
            tooLarge(declared);
            req.discardRest();
            return;
        }
        req.body().handler(this::chunk);
        req.body().endHandler(v -> end());
        req.body().exceptionHandler(e -> truncated());
        req.onClosed(() -> {
            if (!req.ended()) {
                truncated();
            }
        });
    }

    private void chunk(Buffer buf) {
        if (inv.finished() || overLimit || buf.length() == 0) {
            ReceivedChunks.release(buf);
            return;
        }
        if (bytes == 0) {
            inv.firstByteNanos = System.nanoTime();
        }
        bytes += buf.length();
        if (bytes > limit) {
            overLimit = true;
            ReceivedChunks.release(buf);
            return;
        }
        if (!passThrough) {
            kept.add(ReceivedChunks.kept(buf));
            return;
        }
        if (out == null) {
            open();
        }
        if (inv.invoker.gone()) {
            ReceivedChunks.release(buf);
            return;
        }
        // every relay's write has taken the chunk, or copied it, once its future completes
        out.write(buf).onComplete(written -> ReceivedChunks.release(buf));
        if (out.writeQueueFull()) {
            req.body().pause();
            out.drainHandler(v -> req.body().resume());
            inv.onGone = req.body()::resume;
        }
    }

    private void open() {
        out = inv.relayStarted(contentType(), streaming ? -1 : declared);
    }

    private String contentType() {
        String contentType = req.contentType();
        return contentType == null || contentType.isEmpty() ? "application/json" : contentType;
    }

    private void runtimeDone(String errorType) {
        inv.producedBytes = bytes;
        inv.answeredNanos = System.nanoTime();
        done.accept(errorType);
    }

    private void end() {
        if (side.gone()) {
            side.late(req);
            return;
        }
        if (overLimit) {
            tooLarge(bytes);
            return;
        }
        RuntimePost.ReportedError reported = req.trailingError();
        req.reply(RuntimeReply.ACCEPTED);
        side.sent();
        if (reported != null && reported.errorType() != null && !reported.errorType().isEmpty()) {
            ErrorType type = ErrorType.fromRuntime(reported.errorType());
            inv.functionErrorType = type.name();
            runtimeDone(type.name());
            trailerError(type, reported.encodedBody());
            return;
        }
        runtimeDone(null);
        if (passThrough) {
            if (out == null) {
                open();
            }
            inv.relayEnded();
            if (!inv.invoker.gone()) {
                out.end();
            }
        } else {
            inv.answerSuccess(contentType(), kept);
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
        if (out != null) {
            inv.failRelay(type, body);
            return;
        }
        inv.answerFunctionError(type.name(), "application/json", body);
    }

    private void tooLarge(long size) {
        req.reply(RuntimeReply.tooLarge(limit));
        side.sent();
        runtimeDone(ErrorType.FUNCTION_RESPONSE_SIZE_TOO_LARGE.name());
        Fault fault = Fault.of(ErrorType.FUNCTION_RESPONSE_SIZE_TOO_LARGE, "Response payload size (" + size
                + " bytes) exceeded maximum allowed payload size (" + limit + " bytes).");
        Buffer body = Buffer.buffer(new ErrorBody(fault.message(), fault.type().name()).bytes());
        if (out != null) {
            inv.failRelay(fault.type(), body);
            return;
        }
        inv.answerFunctionError(fault.type().name(), "application/json", body);
    }

    /**
     * The runtime's request ended before its body did: the invoke failed, whatever reached the invoker. A runtime
     * that dies mid-answer closes its connection a moment before its exit is seen; the invoker is answered after a
     * short grace, so such an invoke reports the exit rather than the cut.
     */
    private void truncated() {
        if (side.gone() || !side.responding()) {
            return;
        }
        side.sent();
        if (!req.answered()) {
            req.reply(RuntimeReply.TRUNCATED);
        }
        inv.failedAs("error", TRUNCATED);
        runtimeDone(TRUNCATED.type().name());
        vertx.setTimer(EXIT_GRACE_MILLIS, id -> {
            if (!inv.finished()) {
                inv.answerFault(TRUNCATED);
            }
        });
    }
}
