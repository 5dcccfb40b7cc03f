package io.rapidjava.rapid.http;

import io.rapidjava.rapid.sandbox.RuntimeReply;
import io.rapidjava.rendering.Bodies;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;

/** The one place the Runtime API's answers to the runtime get their status and body. */
final class RuntimeReplies {

    private RuntimeReplies() {
    }

    static void write(HttpServerResponse r, RuntimeReply reply) {
        switch (reply.kind()) {
            case ACCEPTED -> json(r, 202, Bodies.ACCEPTED);
            case INVALID_REQUEST_ID -> json(r, 400, Bodies.INVALID_REQUEST_ID);
            case INVALID_RESPONSE_MODE -> json(r, 400, Bodies.INVALID_RESPONSE_MODE);
            case TRUNCATED -> json(r, 400, Bodies.TRUNCATED);
            case TOO_LARGE -> json(r, 413, Bodies.tooLarge(reply.limit()));
            case FORBIDDEN -> json(r, 403, Bodies.invalidRuntimeTransition(reply.from(), reply.to()));
            case INVOKE_TIMEOUT -> json(r, 410, Bodies.INVOKE_TIMEOUT);
            case INTERNAL_ERROR -> json(r, 500, Bodies.INTERNAL_SERVER_ERROR);
        }
    }

    private static void json(HttpServerResponse r, int status, byte[] body) {
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(status).putHeader("Content-Type", "application/json").end(Buffer.buffer(body));
    }
}
