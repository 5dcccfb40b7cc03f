package io.rapidjava.rapid.control;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapidjava.rendering.Json;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * A control call's body, read the way AWS's APIs read theirs: one JSON object (an empty body is {@code {}}),
 * every field known, given once and of its type; {@code null} is the same as leaving the field out. Each
 * refusal names the field.
 */
final class StrictJson {

    private static final ObjectReader READER = Json.MAPPER.reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    static ObjectNode object(byte[] body, Set<String> fields) throws BadRequest {
        if (blank(body)) {
            return Json.MAPPER.createObjectNode();
        }
        JsonNode node;
        try {
            node = READER.readTree(body);
        } catch (JacksonException e) {
            throw BadRequest.invalidContent("not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw BadRequest.invalidContent("could not be read");
        }
        if (!(node instanceof ObjectNode object)) {
            throw BadRequest.invalidContent("must be a JSON object");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw BadRequest.invalidValue(name, "unknown field (known: " + String.join(", ", new TreeSet<>(fields))
                        + ")");
            }
        }
        return object;
    }

    static String string(ObjectNode o, String field) throws BadRequest {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw BadRequest.invalidValue(field, "must be a string");
        }
        return v.textValue();
    }

    static Integer integer(ObjectNode o, String field, int min, int max) throws BadRequest {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            throw BadRequest.invalidValue(field, "must be an integer between " + min + " and " + max);
        }
        if (!v.canConvertToInt() || v.intValue() < min || v.intValue() > max) {
            throw BadRequest.invalidValue(field, "must be between " + min + " and " + max);
        }
        return v.intValue();
    }

    private static boolean blank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }
}
