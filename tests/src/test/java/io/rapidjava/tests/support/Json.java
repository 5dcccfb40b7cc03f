package io.rapidjava.tests.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** JSON helpers for assertions on error bodies. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** Parses {@code body}, failing the test (with the body in the message) if it is not JSON. */
    public static JsonNode parse(String body) {
        try {
            JsonNode n = MAPPER.readTree(body);
            if (n == null) {
                fail("empty body where JSON was expected");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: <" + body + ">: " + e.getOriginalMessage(), e);
        }
    }

    /** Field names of a JSON object, sorted. */
    public static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Asserts that {@code body} is exactly the JSON object {@code {"errorMessage":message,"errorType":type}} (any
     * field order, no other fields).
     */
    public static void assertErrorBody(String body, String type, String message) {
        JsonNode n = parse(body);
        assertTrue(n.isObject(), () -> "not a JSON object: " + body);
        assertEquals(Set.of("errorMessage", "errorType"), fieldNames(n), () -> "fields of " + body);
        assertEquals(type, n.path("errorType").asText(null), () -> "errorType of " + body);
        assertEquals(message, n.path("errorMessage").asText(null), () -> "errorMessage of " + body);
    }

    /** {@code errorType} of an error body (fails if absent). */
    public static String errorType(String body) {
        JsonNode n = parse(body);
        JsonNode t = n.get("errorType");
        if (t == null || !t.isTextual()) {
            fail("no string errorType in " + body);
        }
        return t.asText();
    }

    /** {@code errorMessage} of an error body (fails if absent). */
    public static String errorMessage(String body) {
        JsonNode n = parse(body);
        JsonNode t = n.get("errorMessage");
        if (t == null || !t.isTextual()) {
            fail("no string errorMessage in " + body);
        }
        return t.asText();
    }

    /** Standard runtime API error body: compact JSON in the Go encoder's field order plus a trailing newline. */
    public static String runtimeApiError(String type, String message) {
        try {
            return "{\"errorMessage\":" + MAPPER.writeValueAsString(message)
                    + ",\"errorType\":" + MAPPER.writeValueAsString(type) + "}\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Standard runtime API acceptance body. */
    public static final String STATUS_OK = "{\"status\":\"OK\"}\n";

    static List<String> list(Iterable<String> it) {
        List<String> l = new ArrayList<>();
        it.forEach(l::add);
        return l;
    }
}
