package io.rapidjava.rapid.url;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.rendering.Json;
import java.io.IOException;
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
 * ended by eight NUL bytes, then the body. What does not map is Lambda's {@code 502}.
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
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(answer);
        } catch (IOException e) {
            return UrlAnswer.badGateway();
        }
        if (tree == null || tree.isMissingNode()) {
            return UrlAnswer.badGateway();
        }
        if (!tree.isObject() || !tree.has("statusCode")) {
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
        JsonNode tree;
        try {
            tree = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new Unmappable("the prelude is not JSON");
        }
        if (tree == null || !tree.isObject()) {
            throw new Unmappable("the prelude is not a JSON object");
        }
        return head(tree);
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

    private static Head head(JsonNode tree) throws Unmappable {
        JsonNode status = tree.get("statusCode");
        int code = 200;
        if (status != null && !status.isNull()) {
            if (!status.canConvertToExactIntegral() || status.asInt() < 100 || status.asInt() > 599) {
                throw new Unmappable("statusCode is not an HTTP status");
            }
            code = status.asInt();
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        JsonNode h = tree.get("headers");
        if (h != null && !h.isNull()) {
            if (!h.isObject()) {
                throw new Unmappable("headers is not an object");
            }
            for (Map.Entry<String, JsonNode> e : h.properties()) {
                if (!e.getValue().isValueNode() || e.getValue().isNull()) {
                    throw new Unmappable("header " + e.getKey() + " is not a value");
                }
                headers.add(Map.entry(e.getKey(), e.getValue().asText()));
            }
        }
        List<String> cookies = new ArrayList<>();
        JsonNode c = tree.get("cookies");
        if (c != null && !c.isNull()) {
            if (!c.isArray()) {
                throw new Unmappable("cookies is not an array");
            }
            for (JsonNode cookie : c) {
                if (!cookie.isTextual()) {
                    throw new Unmappable("a cookie is not a string");
                }
                cookies.add(cookie.asText());
            }
        }
        return new Head(code, List.copyOf(headers), List.copyOf(cookies));
    }

    private static byte[] body(JsonNode tree) throws Unmappable {
        JsonNode body = tree.get("body");
        if (body == null || body.isNull()) {
            return new byte[0];
        }
        String text;
        try {
            text = body.isTextual() ? body.asText() : Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new Unmappable("the body cannot be written");
        }
        JsonNode base64 = tree.get("isBase64Encoded");
        if (base64 != null && base64.asBoolean(false)) {
            try {
                return Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new Unmappable("the body is not base64");
            }
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
