package io.rapidjava.rapid.http;

import io.rapidjava.rapid.sandbox.RestoreNextCall;
import io.rapidjava.rapid.sandbox.RuntimeReply;
import io.vertx.core.http.HttpServerResponse;

/** A runtime's {@code GET /runtime/restore/next}: answered {@code 200} with no body when it is restored. */
final class HttpRestoreNextCall implements RestoreNextCall {

    private final HttpServerResponse r;

    HttpRestoreNextCall(HttpServerResponse r) {
        this.r = r;
    }

    @Override
    public void release() {
        if (!r.ended() && !r.closed()) {
            r.setStatusCode(200).end();
        }
    }

    @Override
    public void refuse(RuntimeReply reply) {
        RuntimeReplies.write(r, reply);
    }

    @Override
    public boolean closed() {
        return r.closed() || r.ended();
    }
}
