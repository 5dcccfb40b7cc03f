package io.rapidjava.rapid.url;

import io.rapidjava.rendering.Json;
import io.rapidjava.rendering.JsonTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * How Lambda maps a function's answer to a Function URL's HTTP response. A buffered answer that is an object with a
 * {@code statusCode} is that response ({@code headers}, {@code cookies}, {@code body}, {@code isBase64Encoded});
 * any other JSON (a string, an object, an array, a number) is a {@code 200 application/json} whose body is the answer
 * as it is. A streamed answer of type {@value #PRELUDE_TYPE} starts with a JSON prelude (status, headers, cookies)
 * ended by eight NUL bytes, then the body. What does not map is Lambda's {@code 502}. Only the answer's first JSON
 * value is read, and values are taken as loosely as Lambda takes them (a number or boolean header is its text, a
 * {@code statusCode} of {@code 200.0} is 200, {@code isBase64Encoded} of {@code 1} or {@code "true"} is true).
 */
final class FunctionUrlResponse {

    /** The content type of a streamed answer that opens with its HTTP prelude (the runtime clients' HttpResponseStream). */
    static final String PRELUDE_TYPE = "application/vnd.awslambda.http-integration-response";
    static final int DELIMITER_BYTES = 8;
    /** A prelude is a few headers: past this, no delimiter is coming. */
    static final int MAX_PRELUDE_BYTES = 64 * 1024;
    private static final String JSON_TYPE = "application/json";

    /** Thrown for an answer Lambda would not map. */
    static final class Unmappable extends Exception {
        Unmappable(String why) {
            super(why, null, false, false);
        }
    }

    private FunctionUrlResponse() {
    }

    /** A buffered answer. */
    static UrlAnswer of(byte[] answer) {
        Object json;
        try {
            json = JsonTree.first(answer);
        } catch (IOException e) {
            return UrlAnswer.badGateway();
        }
        if (json == null) {
            return UrlAnswer.badGateway();
        }
        if (!(json instanceof Map<?, ?> tree) || !tree.containsKey("statusCode")) {
            return new UrlAnswer(200, List.of(Map.entry("Content-Type", JSON_TYPE)), List.of(), answer);
        }
        try {
            Head head = head(tree);
            List<Map.Entry<String, String>> headers = new ArrayList<>(head.headers());
            if (headers.stream().noneMatch(h -> h.getKey().equalsIgnoreCase("Content-Type"))) {
                headers.add(Map.entry("Content-Type", JSON_TYPE));
            }
            return new UrlAnswer(head.status(), headers, head.cookies(), body(tree));
        } catch (Unmappable e) {
            return UrlAnswer.badGateway();
        }
    }

    /** What the prelude of a streamed answer says (its bytes before the delimiter). */
    static Head prelude(byte[] json) throws Unmappable {
        Object tree;
        try {
            tree = JsonTree.first(json);
        } catch (IOException e) {
            throw new Unmappable("the prelude is not JSON");
        }
        if (!(tree instanceof Map<?, ?> object)) {
            throw new Unmappable("the prelude is not a JSON object");
        }
        return head(object);
    }

    /** Where the eight NUL bytes that end a prelude start in {@code bytes}, or -1. */
    static int delimiter(byte[] bytes, int length) {
        int run = 0;
        for (int i = 0; i < length; i++) {
            run = bytes[i] == 0 ? run + 1 : 0;
            if (run == DELIMITER_BYTES) {
                return i - DELIMITER_BYTES + 1;
            }
        }
        return -1;
    }

    /** The status (200 when absent), headers and cookies of a response object or a prelude. */
    record Head(int status, List<Map.Entry<String, String>> headers, List<String> cookies) {
    }

    private static Head head(Map<?, ?> tree) throws Unmappable {
        Object status = tree.get("statusCode");
        int code = 200;
        if (given(status)) {
            if (!exactIntegral(status) || ((Number) status).intValue() < 100 || ((Number) status).intValue() > 599) {
                throw new Unmappable("statusCode is not an HTTP status");
            }
            code = ((Number) status).intValue();
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        Object h = tree.get("headers");
        if (given(h)) {
            if (!(h instanceof Map<?, ?> named)) {
                throw new Unmappable("headers is not an object");
            }
            for (Map.Entry<?, ?> e : named.entrySet()) {
                Object value = e.getValue();
                if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
                    throw new Unmappable("header " + e.getKey() + " is not a value");
                }
                headers.add(Map.entry((String) e.getKey(), String.valueOf(value)));
            }
        }
        List<String> cookies = new ArrayList<>();
        Object c = tree.get("cookies");
        if (given(c)) {
            if (!(c instanceof List<?> listed)) {
                throw new Unmappable("cookies is not an array");
            }
            for (Object cookie : listed) {
                if (!(cookie instanceof String text)) {
                    throw new Unmappable("a cookie is not a string");
                }
                cookies.add(text);
            }
        }
        return new Head(code, List.copyOf(headers), List.copyOf(cookies));
    }

    private static boolean given(Object value) {
        return value != null && value != JsonTree.NULL;
    }

    /** An integer, or a double without a fraction. */
    private static boolean exactIntegral(Object value) {
        return JsonTree.isIntegral(value)
                || value instanceof Double d && !d.isNaN() && !d.isInfinite() && d == Math.rint(d);
    }

    /** A boolean's value; a number is true when not zero, a text when it is {@code true} give or take white space. */
    private static boolean isTrue(Object value) {
        return switch (value) {
            case Boolean b -> b;
            case Integer i -> i != 0;
            case Long l -> l != 0;
            case BigInteger b -> b.signum() != 0;
            case String s -> s.trim().equals("true");
            case null, default -> false;
        };
    }

    private static byte[] body(Map<?, ?> tree) throws Unmappable {
        Object body = tree.get("body");
        if (!given(body)) {
            return new byte[0];
        }
        String text;
        try {
            text = body instanceof String s ? s : Json.plain(Json.FACTORY, body);
        } catch (UncheckedIOException e) {
            throw new Unmappable("the body cannot be written");
        }
        if (isTrue(tree.get("isBase64Encoded"))) {
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new Unmappable("the body is not base64");
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
