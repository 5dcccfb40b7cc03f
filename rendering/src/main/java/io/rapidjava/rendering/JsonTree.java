package io.rapidjava.rendering;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document as plain values, read with jackson-core's parser: an object is a {@code Map<String, Object>} in
 * the order of its names (a repeated name keeps its first place and its last value), an array a {@code List}, a
 * string a {@code String}, a number an {@code Integer}, {@code Long} or {@code BigInteger} by its magnitude or a
 * {@code Double}, {@code true}/{@code false} a {@code Boolean}, and {@code null} {@link #NULL}, so that a map's
 * {@code get} tells a name given as null from a name not given. No content at all reads as Java {@code null}.
 * These are the trees data binding made, so what the daemon takes and refuses stayed as it was.
 */
public final class JsonTree {

    /** JSON's {@code null}. */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };

    /** Data binding's JSON factory was a default one: refusals that quote a value keep its upper-case hex escapes. */
    private static final JsonFactory QUOTING = new JsonFactory();

    private JsonTree() {
    }

    /** The first value of {@code json}; whatever follows it is not read. */
    public static Object first(byte[] json) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            return value(p, p.nextToken());
        }
    }

    /** The one value of {@code json}: anything after it is refused. */
    public static Object only(byte[] json) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            return only(p);
        }
    }

    /** {@link #only(byte[])} of a text. */
    public static Object only(String json) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            return only(p);
        }
    }

    /** {@link #only(byte[])}, and a name given twice in one object is refused too. */
    public static Object onlyWithUniqueNames(byte[] json) throws IOException {
        try (JsonParser p = Json.FACTORY.createParser(json)) {
            p.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
            return only(p);
        }
    }

    /** A value as a refusal quotes it: compact JSON, escapes as data binding's {@code toString()} wrote them. */
    public static String quoted(Object value) {
        return Json.plain(QUOTING, value);
    }

    /** An integer JSON number, of any magnitude. */
    public static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger;
    }

    private static Object only(JsonParser p) throws IOException {
        JsonToken first = p.nextToken();
        if (first == null) {
            return null;
        }
        Object value = value(p, first);
        JsonToken next = p.nextToken();
        if (next != null) {
            throw new JsonParseException(p, "Trailing token (of type " + next + ") found after the JSON value");
        }
        return value;
    }

    private static Object value(JsonParser p, JsonToken token) throws IOException {
        if (token == null) {
            return null;
        }
        return switch (token) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> integer(p);
            case VALUE_NUMBER_FLOAT -> Double.valueOf(p.getDoubleValue());
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> NULL;
            default -> throw new JsonParseException(p, "Unexpected token (" + token + ")");
        };
    }

    private static Object integer(JsonParser p) throws IOException {
        return switch (p.getNumberType()) {
            case INT -> Integer.valueOf(p.getIntValue());
            case LONG -> Long.valueOf(p.getLongValue());
            default -> p.getBigIntegerValue();
        };
    }

    private static Map<String, Object> object(JsonParser p) throws IOException {
        Map<String, Object> object = new LinkedHashMap<>();
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            object.put(name, value(p, p.nextToken()));
        }
        return object;
    }

    private static List<Object> array(JsonParser p) throws IOException {
        List<Object> array = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            array.add(value(p, t));
        }
        return array;
    }
}
