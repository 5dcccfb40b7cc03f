package io.rapidjava.rapid.url;

import io.rapidjava.rapid.sandbox.Answer;
import io.rapidjava.rapid.sandbox.Invoker;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An HTTP request to the Function URL as an invoke: its event is the request's payload-format-2.0 JSON, and the
 * function's answer becomes the HTTP response as Lambda maps it ({@link FunctionUrlResponse}): a buffered answer once
 * it is whole, a streamed one as it flows (after its prelude, when it has one). Refusals (429, 413, ...) keep their
 * status and Lambda's error body.
 */
final class FunctionUrlInvoker implements Invoker {

    private final HttpServerRequest request;
    private final Context context;
    private final Buffer event;
    private final String requestId;

    FunctionUrlInvoker(HttpServerRequest request, Context context, Buffer event, String requestId) {
        this.request = request;
        this.context = context;
        this.event = event;
        this.requestId = requestId;
    }

    @Override
    public ReadStream<Buffer> event() {
        return new EventBuffer(context, event);
    }

    @Override
    public long declaredLength() {
        return event.length();
    }

    @Override
    public boolean gone() {
        return request.response().closed();
    }

    @Override
    public void onGone(Runnable then) {
        request.response().closeHandler(v -> then.run());
    }

    @Override
    public void answer(Answer a) {
        switch (a.outcome()) {
            case SUCCESS -> send(FunctionUrlResponse.PRELUDE_TYPE.equals(a.contentType())
                    ? preluded(joined(a.body())) : FunctionUrlResponse.of(joined(a.body()).getBytes()));
            case FUNCTION_ERROR -> send(UrlAnswer.badGateway());
            default -> send(new UrlAnswer(a.status(), a.errorType() == null
                    ? List.of(Map.entry("Content-Type", "application/json"))
                    : List.of(Map.entry("Content-Type", "application/json"), Map.entry("X-Amzn-ErrorType",
                    a.errorType())), List.of(), joined(a.body()).getBytes()));
        }
    }

    @Override
    public WriteStream<Buffer> open(Answer head, long length) {
        if (length >= 0) {
            return new Flow(Mode.GATHER);
        }
        if (FunctionUrlResponse.PRELUDE_TYPE.equals(head.contentType())) {
            return new Flow(Mode.PRELUDE);
        }
        HttpServerResponse out = head(200, List.of(Map.entry("Content-Type", head.contentType())), List.of());
        out.setChunked(true);
        return new Flow(Mode.PASS);
    }

    @Override
    public void failFlow(String errorType, Buffer body) {
        HttpServerResponse out = request.response();
        if (out.ended() || out.closed()) {
            return;
        }
        if (out.headWritten()) {
            out.reset();
        } else {
            send(UrlAnswer.badGateway());
        }
    }

    @Override
    public void drop() {
        request.connection().close();
    }

    private static Buffer joined(List<Buffer> body) {
        if (body.size() == 1) {
            return body.getFirst();
        }
        Buffer all = Buffer.buffer();
        body.forEach(all::appendBuffer);
        return all;
    }

    /** A whole streamed answer that starts with its prelude. */
    private static UrlAnswer preluded(Buffer whole) {
        byte[] bytes = whole.getBytes();
        int at = FunctionUrlResponse.delimiter(bytes, bytes.length);
        if (at < 0) {
            return UrlAnswer.badGateway();
        }
        try {
            FunctionUrlResponse.Head head = FunctionUrlResponse.prelude(Arrays.copyOf(bytes, at));
            return new UrlAnswer(head.status(), head.headers(), head.cookies(),
                    Arrays.copyOfRange(bytes, at + FunctionUrlResponse.DELIMITER_BYTES, bytes.length));
        } catch (FunctionUrlResponse.Unmappable e) {
            return UrlAnswer.badGateway();
        }
    }

    private void send(UrlAnswer answer) {
        if (request.response().ended() || request.response().closed()) {
            return;
        }
        HttpServerResponse out = head(answer.status(), answer.headers(), answer.cookies());
        out.putHeader("Content-Length", Integer.toString(answer.body().length));
        out.end(Buffer.buffer(answer.body()));
    }

    private HttpServerResponse head(int status, List<Map.Entry<String, String>> headers, List<String> cookies) {
        HttpServerResponse out = request.response();
        out.setStatusCode(status);
        headers.forEach(h -> out.headers().add(h.getKey(), h.getValue()));
        cookies.forEach(c -> out.headers().add("Set-Cookie", c));
        out.headers().set("X-Amzn-RequestId", requestId);
        return out;
    }

    private enum Mode {
        /** A buffered answer of known length: mapped once whole. */
        GATHER,
        /** A streamed answer whose prelude is still arriving. */
        PRELUDE,
        /** Bytes go to the client as they come. */
        PASS
    }

    /** The function's answer as it flows. */
    private final class Flow implements WriteStream<Buffer> {

        private Mode mode;
        private final Buffer held = Buffer.buffer();

        Flow(Mode mode) {
            this.mode = mode;
        }

        @Override
        public Future<Void> write(Buffer data) {
            HttpServerResponse out = request.response();
            if (out.ended() || out.closed()) {
                return Future.succeededFuture();
            }
            if (mode == Mode.PASS) {
                return out.write(data);
            }
            held.appendBuffer(data);
            if (mode == Mode.PRELUDE) {
                openPreluded();
            }
            return Future.succeededFuture();
        }

        /** Once the delimiter is in: the status and headers go out, and what followed it. */
        private void openPreluded() {
            byte[] bytes = held.getBytes();
            int at = FunctionUrlResponse.delimiter(bytes, bytes.length);
            if (at < 0) {
                if (bytes.length > FunctionUrlResponse.MAX_PRELUDE_BYTES) {
                    send(UrlAnswer.badGateway());
                }
                return;
            }
            FunctionUrlResponse.Head head;
            try {
                head = FunctionUrlResponse.prelude(Arrays.copyOf(bytes, at));
            } catch (FunctionUrlResponse.Unmappable e) {
                send(UrlAnswer.badGateway());
                return;
            }
            HttpServerResponse out = head(head.status(), head.headers(), head.cookies());
            out.setChunked(true);
            mode = Mode.PASS;
            int rest = at + FunctionUrlResponse.DELIMITER_BYTES;
            if (rest < bytes.length) {
                out.write(held.slice(rest, bytes.length));
            }
        }

        @Override
        public Future<Void> end() {
            HttpServerResponse out = request.response();
            if (out.ended() || out.closed()) {
                return Future.succeededFuture();
            }
            switch (mode) {
                case GATHER -> send(FunctionUrlResponse.of(held.getBytes()));
                // a stream that ended without its prelude's delimiter says nothing of its status: an empty one is
                // a 200 with no body, anything else does not map
                case PRELUDE -> send(held.length() == 0
                        ? new UrlAnswer(200, List.of(), List.of(), new byte[0]) : UrlAnswer.badGateway());
                case PASS -> out.end();
            }
            return Future.succeededFuture();
        }

        @Override
        public WriteStream<Buffer> exceptionHandler(Handler<Throwable> handler) {
            request.response().exceptionHandler(handler);
            return this;
        }

        @Override
        public WriteStream<Buffer> setWriteQueueMaxSize(int maxSize) {
            request.response().setWriteQueueMaxSize(maxSize);
            return this;
        }

        @Override
        public boolean writeQueueFull() {
            return mode == Mode.PASS && request.response().writeQueueFull();
        }

        @Override
        public WriteStream<Buffer> drainHandler(Handler<Void> handler) {
            request.response().drainHandler(handler);
            return this;
        }
    }
}
