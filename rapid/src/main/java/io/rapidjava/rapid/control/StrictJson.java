package io.rapidjava.rapid.control;

import com.fasterxml.jackson.core.JacksonException;
import io.rapidjava.rendering.JsonTree;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A control call's body, read the way AWS's APIs read theirs: one JSON object (an empty body is {@code {}}),
 * every field known, given once and of its type; {@code null} is the same as leaving the field out. Each
 * refusal names the field. The object is {@link JsonTree}'s.
 */
final class StrictJson {

    private StrictJson() {
    }

    static Map<?, ?> object(byte[] body, Set<String> fields) throws BadRequest {
        if (blank(body)) {
            return Map.of();
        }
        Object node;
        try {
            node = JsonTree.onlyWithUniqueNames(body);
        } catch (JacksonException e) {
            throw BadRequest.invalidContent("not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw BadRequest.invalidContent("could not be read");
        }
        if (!(node instanceof Map<?, ?> object)) {
            throw BadRequest.invalidContent("must be a JSON object");
        }
        for (Object name : object.keySet()) {
            if (!fields.contains(name)) {
                throw BadRequest.invalidValue((String) name, "unknown field (known: "
                        + String.join(", ", new TreeSet<>(fields)) + ")");
            }
        }
        return object;
    }

    static String string(Map<?, ?> o, String field) throws BadRequest {
        Object v = o.get(field);
        if (v == null || v == JsonTree.NULL) {
            return null;
        }
        if (!(v instanceof String text)) {
            throw BadRequest.invalidValue(field, "must be a string");
        }
        return text;
    }

    static Integer integer(Map<?, ?> o, String field, int min, int max) throws BadRequest {
        Object v = o.get(field);
        if (v == null || v == JsonTree.NULL) {
            return null;
        }
        if (!JsonTree.isIntegral(v)) {
            throw BadRequest.invalidValue(field, "must be an integer between " + min + " and " + max);
        }
        // a Long or BigInteger is beyond an int, so beyond every limit
        if (!(v instanceof Integer i) || i < min || i > max) {
            throw BadRequest.invalidValue(field, "must be between " + min + " and " + max);
        }
        return i;
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
