package io.rapidjava.rapid.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapidjava.rendering.Json;
import io.vertx.core.buffer.Buffer;

/**
 * Error bodies posted as {@code application/vnd.aws.lambda.error.cause+json}: the invoker sees them without
 * the X-Ray {@code errorCause}.
 */
final class ErrorCause {

    private ErrorCause() {
    }

    static Buffer withoutCause(Buffer body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body.getBytes());
            if (!(node instanceof ObjectNode object)) {
                return Buffer.buffer(Json.string("Invalid error body"));
            }
            object.remove("errorCause");
            JsonNode trace = object.get("stackTrace");
            if (trace != null && trace.isArray() && trace.isEmpty()) {
                object.remove("stackTrace");
            }
            return Buffer.buffer(Json.string(object));
        } catch (Exception e) {
            return Buffer.buffer(Json.string("Invalid error body"));
        }
    }
}
