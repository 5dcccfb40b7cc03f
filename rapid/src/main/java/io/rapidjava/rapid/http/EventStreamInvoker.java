package io.rapidjava.rapid.http;

import io.rapidjava.extensions.Discard;
import io.rapidjava.interop.InvokeResult.Outcome;
import io.rapidjava.rapid.sandbox.Answer;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An {@code InvokeWithResponseStream} call: the function's answer, streamed or buffered, goes out as an event stream
 * of {@code PayloadChunk} events as its bytes come, closed by one {@code InvokeComplete} that says how the invoke
 * ended (the error type in {@code ErrorCode}, the error body in {@code ErrorDetails}) and, with a Tail log, holds
 * it in {@code LogResult}. Refusals and a {@code DryRun} are plain answers, as Lambda gives them before any stream.
 */
final class EventStreamInvoker extends HttpInvoker {

    /** Cut so that no event holds more than a relayed chunk does. */
    private static final int CHUNK_BYTES = 64 * 1024;

    /** How the flowed answer ended, kept until its log tail comes (null: a success). */
    private record Ending(String errorCode, String errorDetails) {
    }

    private Ending ending;

    EventStreamInvoker(HttpServerRequest request) {
        super(request);
    }

    @Override
    public void answer(Answer a) {
        HttpServerResponse out = request.response();
        if (out.ended() || out.closed()) {
            return;
        }
        if (a.outcome() != Outcome.SUCCESS && a.outcome() != Outcome.FUNCTION_ERROR) {
            InvokerAnswers.send(request, a);
            return;
        }
        head(out, a);
        if (a.outcome() == Outcome.SUCCESS) {
            a.body().forEach(b -> chunks(out, b));
            out.end(EventStream.invokeComplete(null, null, a.logTail()));
        } else {
            out.end(EventStream.invokeComplete(a.errorType(), text(a.body()), a.logTail()));
        }
        Discard.rest(request);
    }

    @Override
    public WriteStream<Buffer> open(Answer head, long length) {
        HttpServerResponse out = request.response();
        head(out, head);
        return new Chunks(out);
    }

    @Override
    public void failFlow(String errorType, Buffer body) {
        end(new Ending(errorType, body.toString(StandardCharsets.UTF_8)));
    }

    @Override
    public boolean tailsFlow() {
        return true;
    }

    @Override
    public void logTail(byte[] tail) {
        HttpServerResponse out = request.response();
        if (!out.ended() && !out.closed()) {
            out.end(ending == null ? EventStream.invokeComplete(null, null, tail)
                    : EventStream.invokeComplete(ending.errorCode(), ending.errorDetails(), tail));
        }
    }

    /** Ends the stream now, or keeps how it ended until the log tail comes. */
    private void end(Ending how) {
        HttpServerResponse out = request.response();
        if (out.ended() || out.closed()) {
            return;
        }
        if (tailed()) {
            ending = how;
        } else {
            out.end(how == null ? EventStream.invokeComplete(null, null, null)
                    : EventStream.invokeComplete(how.errorCode(), how.errorDetails(), null));
        }
    }

    private boolean tailed() {
        return "Tail".equals(request.getHeader("X-Amz-Log-Type"));
    }

    private static void head(HttpServerResponse out, Answer a) {
        out.setStatusCode(200);
        InvokerAnswers.headers(out.headers(), new Answer(a.requestId(), a.version(), Outcome.SUCCESS, 200, null,
                EventStream.CONTENT_TYPE, List.of(), null));
        out.setChunked(true);
    }

    private static void chunks(HttpServerResponse out, Buffer payload) {
        for (int from = 0; from < payload.length(); from += CHUNK_BYTES) {
            out.write(EventStream.payloadChunk(payload.slice(from, Math.min(payload.length(), from + CHUNK_BYTES))));
        }
    }

    private static String text(List<Buffer> body) {
        Buffer all = Buffer.buffer();
        body.forEach(all::appendBuffer);
        return all.toString(StandardCharsets.UTF_8);
    }

    /** The runtime's bytes as they come, each piece a {@code PayloadChunk}. */
    private final class Chunks implements WriteStream<Buffer> {

        private final HttpServerResponse out;

        Chunks(HttpServerResponse out) {
            this.out = out;
        }

        @Override
        public Future<Void> write(Buffer data) {
            chunks(out, data);
            return Future.succeededFuture();
        }

        @Override
        public Future<Void> end() {
            EventStreamInvoker.this.end(null);
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            out.exceptionHandler(handler);
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            out.setWriteQueueMaxSize(maxSize);
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return out.writeQueueFull();
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            out.drainHandler(handler);
            return this;
        }
    }
}
