package io.rapidjava.rapid.http;

import io.rapidjava.rapid.sandbox.NextCall;
import io.rapidjava.rapid.sandbox.RuntimeReply;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** A runtime's {@code GET /runtime/invocation/next} and the invoke it is answered with. */
final class HttpNextCall implements NextCall {

    private final HttpServerResponse r;

    HttpNextCall(HttpServerResponse r) {
        this.r = r;
    }

    @Override
    public void deliver(Delivery d) {
        r.putHeader("Content-Type", "application/json");
        r.putHeader("Lambda-Runtime-Aws-Request-Id", d.requestId());
        r.putHeader("Lambda-Runtime-Deadline-Ms", Long.toString(d.deadlineEpochMs()));
        r.putHeader("Lambda-Runtime-Invoked-Function-Arn", d.functionArn());
        r.putHeader("Lambda-Runtime-Trace-Id", d.traceId());
        if (d.clientContext() != null) {
            r.putHeader("Lambda-Runtime-Client-Context", d.clientContext());
        }
        if (d.cognitoIdentity() != null) {
            r.putHeader("Lambda-Runtime-Cognito-Identity", d.cognitoIdentity());
        }
        r.putHeader("Content-Length", Long.toString(d.length()));
    }

    @Override
    public void refuse(RuntimeReply reply) {
        RuntimeReplies.write(r, reply);
    }

    @Override
    public boolean closed() {
        return r.closed();
    }

    @Override
    public void reset() {
        r.reset();
    }

    @Override
    public void onClosed(Runnable then) {
        r.closeHandler(then == null ? null : v -> then.run());
    }

    @Override
    public NextCall exceptionHandler(Handler<Throwable> handler) {
        r.exceptionHandler(handler);
        return this;
    }

    @Override
    public Future<Void> write(Buffer data) {
        return r.write(data);
    }

    @Override
    public Future<Void> end() {
        return r.end();
    }

    @Override
    public Future<Void> end(Buffer data) {
        return r.end(data);
    }

    @Override
    public NextCall setWriteQueueMaxSize(int maxSize) {
        r.setWriteQueueMaxSize(maxSize);
        return this;
    }

    @Override
    public boolean writeQueueFull() {
        return r.writeQueueFull();
    }

    @Override
    public NextCall drainHandler(Handler<Void> handler) {
        r.drainHandler(handler);
        return this;
    }
}
