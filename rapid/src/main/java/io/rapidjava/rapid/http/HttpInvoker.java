package io.rapidjava.rapid.http;

import io.rapidjava.rapid.sandbox.Answer;
import io.rapidjava.rapid.sandbox.Invoker;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * An invoke that came over HTTP (the invoke front-end, the control API): its request and its answer, which an
 * {@link EventStreamInvoker} frames its own way.
 */
class HttpInvoker implements Invoker {

    final HttpServerRequest request;
    private final long declared;
    private boolean chunked;

    HttpInvoker(HttpServerRequest request) {
        this.request = request;
        this.declared = contentLength(request.getHeader("Content-Length"));
    }

    @Override
    public ReadStream<Buffer> event() {
        return request;
    }

    @Override
    public long declaredLength() {
        return declared;
    }

    @Override
    public boolean gone() {
        return request.response().closed();
    }

    @Override
    public void onGone(Runnable then) {
        // the response's handler: the connection's belongs to the server's connection guard
        request.response().closeHandler(v -> then.run());
    }

    @Override
    public void answer(Answer answer) {
        InvokerAnswers.send(request, answer);
    }

    @Override
    public WriteStream<Buffer> open(Answer head, long length) {
        chunked = length < 0;
        return InvokerAnswers.open(request.response(), head, length);
    }

    @Override
    public void failFlow(String errorType, Buffer body) {
        HttpServerResponse out = request.response();
        if (out.ended() || out.closed()) {
            return;
        }
        if (chunked) {
            InvokerAnswers.failTrailers(out, errorType, body);
        } else {
            out.reset();
        }
    }

    @Override
    public void drop() {
        request.connection().close();
    }

    static long contentLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
