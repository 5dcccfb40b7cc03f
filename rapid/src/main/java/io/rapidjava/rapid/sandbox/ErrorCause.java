package io.rapidjava.rapid.sandbox;

import io.rapidjava.rendering.Json;
import io.rapidjava.rendering.JsonTree;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;

/**
 * Error bodies posted as {@code application/vnd.aws.lambda.error.cause+json}: the invoker sees them without
 * the X-Ray {@code errorCause}.
 */
final class ErrorCause {

    private ErrorCause() {
    }

    static Buffer withoutCause(Buffer body) {
        try {
            if (!(JsonTree.first(body.getBytes()) instanceof Map<?, ?> object)) {
                return Buffer.buffer(Json.string("Invalid error body"));
            }
            object.remove("errorCause");
            if (object.get("stackTrace") instanceof List<?> trace && trace.isEmpty()) {
                object.remove("stackTrace");
            }
            return Buffer.buffer(Json.string(object));
        } catch (Exception e) {
            return Buffer.buffer(Json.string("Invalid error body"));
        }
    }
}
