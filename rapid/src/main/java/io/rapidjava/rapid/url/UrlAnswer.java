package io.rapidjava.rapid.url;

import java.util.List;
import java.util.Map;

/** The HTTP response a Function URL gives: its status, headers (each {@code cookies} entry a Set-Cookie) and body. */
record UrlAnswer(int status, List<Map.Entry<String, String>> headers, List<String> cookies, byte[] body) {

    /** A function that failed, or answered what Lambda cannot map: Lambda's {@code 502}. */
    static UrlAnswer badGateway() {
        return new UrlAnswer(502, List.of(Map.entry("Content-Type", "text/plain; charset=utf-8")), List.of(),
                "Internal Server Error".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
