package io.rapidjava.rapid.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Function URL request as its payload-format-2.0 event, field by field. */
class FunctionUrlEventTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2020-03-12T19:03:58.390Z");

    private static JsonNode event(UrlRequest request) throws Exception {
        return JSON.readTree(FunctionUrlEvent.of(request, "req-1", "abcdef0123456789abcdef0123456789",
                "Root=1-5e6a8b3e-0123456789abcdef01234567", AT));
    }

    private static UrlRequest request(String method, String path, String query, List<Map.Entry<String, String>> headers,
                                      String body) {
        return new UrlRequest(method, path, query, "HTTP/1.1", "10.1.2.3", 8081, headers,
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aPostWithHeadersCookiesAndAQuery() throws Exception {
        JsonNode e = event(request("POST", "/my/path", "parameter1=value1&parameter1=value2&parameter2=a%20b",
                List.of(Map.entry("Host", "127.0.0.1:8081"), Map.entry("Content-Type", "application/json"),
                        Map.entry("X-Multi", "one"), Map.entry("x-multi", "two"), Map.entry("User-Agent", "agent/1"),
                        Map.entry("Cookie", "cookie1=a; cookie2=b")), "{\"k\":\"v\"}"));
        assertEquals("2.0", e.get("version").asText());
        assertEquals("$default", e.get("routeKey").asText());
        assertEquals("/my/path", e.get("rawPath").asText());
        assertEquals("parameter1=value1&parameter1=value2&parameter2=a%20b", e.get("rawQueryString").asText());
        assertEquals(JSON.readTree("[\"cookie1=a\",\"cookie2=b\"]"), e.get("cookies"));
        JsonNode h = e.get("headers");
        assertEquals("application/json", h.get("content-type").asText());
        assertEquals("one,two", h.get("x-multi").asText());
        assertEquals("127.0.0.1:8081", h.get("host").asText());
        assertFalse(h.has("cookie"), "cookies are apart");
        assertEquals("10.1.2.3", h.get("x-forwarded-for").asText());
        assertEquals("http", h.get("x-forwarded-proto").asText());
        assertEquals("8081", h.get("x-forwarded-port").asText());
        assertEquals("Root=1-5e6a8b3e-0123456789abcdef01234567", h.get("x-amzn-trace-id").asText());
        assertEquals(JSON.readTree("{\"parameter1\":\"value1,value2\",\"parameter2\":\"a b\"}"),
                e.get("queryStringParameters"));
        JsonNode c = e.get("requestContext");
        assertEquals("anonymous", c.get("accountId").asText());
        assertEquals("abcdef0123456789abcdef0123456789", c.get("apiId").asText());
        assertEquals("abcdef0123456789abcdef0123456789", c.get("domainPrefix").asText());
        assertEquals("127.0.0.1:8081", c.get("domainName").asText());
        assertEquals(JSON.readTree("{\"method\":\"POST\",\"path\":\"/my/path\",\"protocol\":\"HTTP/1.1\","
                + "\"sourceIp\":\"10.1.2.3\",\"userAgent\":\"agent/1\"}"), c.get("http"));
        assertEquals("req-1", c.get("requestId").asText());
        assertEquals("$default", c.get("routeKey").asText());
        assertEquals("$default", c.get("stage").asText());
        assertEquals("12/Mar/2020:19:03:58 +0000", c.get("time").asText());
        assertEquals(1584039838390L, c.get("timeEpoch").asLong());
        assertEquals("{\"k\":\"v\"}", e.get("body").asText());
        assertFalse(e.get("isBase64Encoded").asBoolean());
    }

    @Test
    void aBareGetLeavesOutWhatItDoesNotHave() throws Exception {
        JsonNode e = event(request("GET", "/", "", List.of(Map.entry("Host", "localhost")), ""));
        assertEquals("", e.get("rawQueryString").asText());
        assertFalse(e.has("cookies"));
        assertFalse(e.has("queryStringParameters"));
        assertFalse(e.has("body"));
        assertFalse(e.get("requestContext").get("http").has("userAgent"));
        assertTrue(e.has("isBase64Encoded"));
        assertFalse(e.get("isBase64Encoded").asBoolean());
    }

    @ParameterizedTest(name = "{0}: base64 {1}")
    @CsvSource({
            "text/plain, false",
            "text/html; charset=utf-8, false",
            "application/json, false",
            "application/ld+json, false",
            "application/xml, false",
            "application/javascript, false",
            "application/x-www-form-urlencoded, true",
            "multipart/form-data; boundary=x, true",
            "application/octet-stream, true",
            "image/png, true",
    })
    void aBodyIsBase64UnlessItsTypeIsText(String contentType, boolean base64) throws Exception {
        JsonNode e = event(request("POST", "/", "", List.of(Map.entry("Content-Type", contentType)), "name=a+b&x=1"));
        assertEquals(base64, e.get("isBase64Encoded").asBoolean());
        String body = e.get("body").asText();
        assertEquals("name=a+b&x=1", base64 ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
                : body);
    }

    @Test
    void aTextTypedBodyThatIsNotUtf8IsBase64AndABodyWithoutTypeToo() throws Exception {
        byte[] latin1 = {(byte) 0xe9, 'a'};
        JsonNode e = JSON.readTree(FunctionUrlEvent.of(new UrlRequest("POST", "/", "", "HTTP/1.1", "127.0.0.1", 1,
                List.of(Map.entry("Content-Type", "text/plain")), latin1), "id", "u", "t", AT));
        assertTrue(e.get("isBase64Encoded").asBoolean());
        assertEquals(Base64.getEncoder().encodeToString(latin1), e.get("body").asText());
        assertTrue(event(request("PUT", "/", "", List.of(), "raw")).get("isBase64Encoded").asBoolean());
    }

    @Test
    void queryParametersWithoutValuesAndBadEscapesAreKept() {
        assertEquals(Map.of("flag", "", "x", "%zz", "a b", "c"), FunctionUrlEvent.query("flag&x=%zz&a+b=c&&"));
        assertEquals(null, FunctionUrlEvent.query(""));
    }

    @Test
    void anExistingForwardedForIsExtended() throws Exception {
        JsonNode e = event(request("GET", "/", "", List.of(Map.entry("X-Forwarded-For", "192.0.2.1")), ""));
        assertEquals("192.0.2.1, 10.1.2.3", e.get("headers").get("x-forwarded-for").asText());
    }
}
