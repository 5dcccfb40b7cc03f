package io.rapidjava.rapid.url;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The event's exact bytes: field order, the fields left out, a header without a value, escapes. */
class FunctionUrlEventBytesTest {

    private static final Instant AT = Instant.parse("2024-03-04T05:06:07.891Z");

    private static String event(String query, List<Map.Entry<String, String>> headers, byte[] body, String traceId) {
        return new String(FunctionUrlEvent.of(new UrlRequest("POST", "/p/%41", query, "HTTP/1.1", "127.0.0.1", 8080,
                headers, body), "req-1", "urlid", traceId, AT), StandardCharsets.UTF_8);
    }

    @Test
    void aBareRequestLeavesOutWhatItHasNotAndWritesAMissingTraceAsNull() {
        assertEquals("{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/p/%41\",\"rawQueryString\":\"\","
                + "\"headers\":{\"x-forwarded-for\":\"127.0.0.1\",\"x-forwarded-proto\":\"http\",\"x-forwarded-port\":"
                + "\"8080\",\"x-amzn-trace-id\":null},\"requestContext\":{\"accountId\":\"anonymous\",\"apiId\":\"urlid\","
                + "\"domainName\":\"localhost\",\"domainPrefix\":\"urlid\",\"http\":{\"method\":\"POST\",\"path\":\"/p/%41\","
                + "\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\"},\"requestId\":\"req-1\",\"routeKey\":\"$default\","
                + "\"stage\":\"$default\",\"time\":\"04/Mar/2024:05:06:07 +0000\",\"timeEpoch\":1709528767891},"
                + "\"isBase64Encoded\":false}", event("", List.of(), new byte[0], null));
    }

    @Test
    void aFullRequest() {
        assertEquals("{\"version\":\"2.0\",\"routeKey\":\"$default\",\"rawPath\":\"/p/%41\",\"rawQueryString\":"
                + "\"a=1\\u0026a=2\\u0026b\\u0026x=%E2%80%A8\",\"cookies\":[\"a=1\",\"b=2\"],\"headers\":{\"host\":\"h.example\","
                + "\"user-agent\":\"ua\\u003c\\u0026\\u003e\",\"x-a\":\"1,2\",\"content-type\":\"application/json\","
                + "\"x-u\":\"é\uD83D\uDE00\\u2028\",\"x-forwarded-for\":\"9.9.9.9, 127.0.0.1\",\"x-forwarded-proto\":"
                + "\"http\",\"x-forwarded-port\":\"8080\",\"x-amzn-trace-id\":\"Root=1\"},\"queryStringParameters\":"
                + "{\"a\":\"1,2\",\"b\":\"\",\"x\":\"\\u2028\"},\"requestContext\":{\"accountId\":\"anonymous\",\"apiId\":"
                + "\"urlid\",\"domainName\":\"h.example\",\"domainPrefix\":\"urlid\",\"http\":{\"method\":\"POST\","
                + "\"path\":\"/p/%41\",\"protocol\":\"HTTP/1.1\",\"sourceIp\":\"127.0.0.1\",\"userAgent\":"
                + "\"ua\\u003c\\u0026\\u003e\"},\"requestId\":\"req-1\",\"routeKey\":\"$default\",\"stage\":\"$default\","
                + "\"time\":\"04/Mar/2024:05:06:07 +0000\",\"timeEpoch\":1709528767891},\"body\":\"{\\\"k\\\":"
                + "\\\"\\u003cv\\u003e\\\"}\",\"isBase64Encoded\":false}",
                event("a=1&a=2&b&x=%E2%80%A8", List.of(Map.entry("Host", "h.example"), Map.entry("User-Agent", "ua<&>"),
                        Map.entry("Cookie", "a=1; b=2;;"), Map.entry("X-A", "1"), Map.entry("x-a", "2"),
                        Map.entry("Content-Type", "application/json"), Map.entry("X-U", "é\uD83D\uDE00\u2028"),
                        Map.entry("X-Forwarded-For", "9.9.9.9")),
                        "{\"k\":\"<v>\"}".getBytes(StandardCharsets.UTF_8), "Root=1"));
    }

    @Test
    void aBinaryBodyIsBase64() {
        String e = event("", List.of(), new byte[] {(byte) 0xff, 0, 1}, "Root=1");
        assertEquals(true, e.endsWith(",\"body\":\"/wAB\",\"isBase64Encoded\":true}"), e);
    }
}
