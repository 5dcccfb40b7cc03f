package io.rapidjava.rapid.http;

import io.rapidjava.extensions.Discard;
import io.netty.handler.codec.http.HttpHeaders;
import io.rapidjava.rapid.sandbox.RuntimePost;
import io.rapidjava.rapid.sandbox.RuntimeReply;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.streams.ReadStream;

/** A runtime's {@code POST} of an answer or an error, and the reply it gets. */
final class HttpRuntimePost implements RuntimePost {

    private final HttpServerRequest req;

    HttpRuntimePost(HttpServerRequest req) {
        this.req = req;
    }

    @Override
    public ReadStream<Buffer> body() {
        return req;
    }

    @Override
    public long declaredLength() {
        return HttpInvoker.contentLength(req.getHeader("Content-Length"));
    }

    @Override
    public String contentType() {
        return req.getHeader("Content-Type");
    }

    @Override
    public ReportedError trailingError() {
        HttpHeaders trailers = TrailerCapture.of(req);
        String type = trailers.get(InvokerAnswers.TRAILER_ERROR_TYPE);
        return type == null ? null : new ReportedError(type, trailers.get(InvokerAnswers.TRAILER_ERROR_BODY));
    }

    @Override
    public void reply(RuntimeReply reply) {
        RuntimeReplies.write(req.response(), reply);
    }

    @Override
    public boolean answered() {
        return req.response().ended() || req.response().closed();
    }

    @Override
    public boolean ended() {
        return req.isEnded();
    }

    @Override
    public void onClosed(Runnable then) {
        // the response's handler, not the connection's: that one belongs to the server's connection guard
        req.response().closeHandler(v -> then.run());
    }

    @Override
    public void discardRest() {
        Discard.rest(req);
    }
}
