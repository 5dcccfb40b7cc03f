package io.rapidjava.rapid.url;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A function's answer as the Function URL's HTTP response, case by case (Lambda's "inferred" and custom formats). */
class FunctionUrlResponseTest {

    private static UrlAnswer of(String answer) {
        return FunctionUrlResponse.of(answer.getBytes(StandardCharsets.UTF_8));
    }

    private static String body(UrlAnswer a) {
        return new String(a.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aStringIsA200JsonWithTheStringAsItsBody() {
        UrlAnswer a = of("\"Hello, world!\"");
        assertEquals(200, a.status());
        assertEquals(List.of(Map.entry("Content-Type", "application/json")), a.headers());
        assertEquals("\"Hello, world!\"", body(a), "the JSON text as it is, quotes and all (Lambda's example)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"message\":\"Hello, world!\"}", "[1,2]", "42", "true", "null",
            "{\"body\":\"no status code\"}"})
    void otherJsonWithoutAStatusCodeIsA200WhoseBodyIsTheAnswer(String answer) {
        UrlAnswer a = of(answer);
        assertEquals(200, a.status());
        assertEquals(answer, body(a));
        assertEquals(List.of(Map.entry("Content-Type", "application/json")), a.headers());
    }

    @Test
    void aResponseObjectIsThatResponse() {
        UrlAnswer a = of("{\"statusCode\":201,\"headers\":{\"Content-Type\":\"text/html\",\"My-Custom-Header\":"
                + "\"Custom Value\",\"X-Count\":3},\"body\":\"<h1>hi</h1>\",\"cookies\":[\"c1=v1; Max-Age=78000\","
                + "\"c2=v2\"],\"isBase64Encoded\":false}");
        assertEquals(201, a.status());
        assertEquals(List.of(Map.entry("Content-Type", "text/html"), Map.entry("My-Custom-Header", "Custom Value"),
                Map.entry("X-Count", "3")), a.headers());
        assertEquals(List.of("c1=v1; Max-Age=78000", "c2=v2"), a.cookies());
        assertEquals("<h1>hi</h1>", body(a));
    }

    @Test
    void aResponseObjectWithoutContentTypeIsJsonAndWithoutBodyIsEmpty() {
        UrlAnswer a = of("{\"statusCode\":204}");
        assertEquals(204, a.status());
        assertEquals(List.of(Map.entry("Content-Type", "application/json")), a.headers());
        assertEquals(0, a.body().length);
        assertEquals(List.of(), a.cookies());
    }

    @Test
    void aBase64BodyIsDecoded() {
        UrlAnswer a = of("{\"statusCode\":200,\"headers\":{\"content-type\":\"image/png\"},\"body\":\"iVBORw0K\","
                + "\"isBase64Encoded\":true}");
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n'}, a.body());
        assertEquals(List.of(Map.entry("content-type", "image/png")), a.headers());
    }

    @Test
    void aBodyThatIsNotAStringIsWrittenAsJson() {
        assertEquals("{\"a\":1}", body(of("{\"statusCode\":200,\"body\":{\"a\":1}}")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"statusCode\":\"abc\"}", "{\"statusCode\":99}", "{\"statusCode\":600}",
            "{\"statusCode\":200.5}", "{\"statusCode\":200,\"headers\":[1]}",
            "{\"statusCode\":200,\"headers\":{\"a\":{\"b\":1}}}", "{\"statusCode\":200,\"cookies\":\"c=1\"}",
            "{\"statusCode\":200,\"cookies\":[1]}", "{\"statusCode\":200,\"body\":\"%%%\",\"isBase64Encoded\":true}",
            ""})
    void whatDoesNotMapIsA502(String answer) {
        UrlAnswer a = of(answer);
        assertEquals(502, a.status());
        assertEquals("Internal Server Error", body(a));
    }

    @Test
    void aStreamedPreludeGivesStatusHeadersAndCookies() throws Exception {
        FunctionUrlResponse.Head head = FunctionUrlResponse.prelude(("{\"statusCode\":418,\"headers\":"
                + "{\"Content-Type\":\"text/plain\"},\"cookies\":[\"a=b\"]}").getBytes(StandardCharsets.UTF_8));
        assertEquals(new FunctionUrlResponse.Head(418, List.of(Map.entry("Content-Type", "text/plain")),
                List.of("a=b")), head);
        assertEquals(200, FunctionUrlResponse.prelude("{}".getBytes(StandardCharsets.UTF_8)).status());
        assertThrows(FunctionUrlResponse.Unmappable.class,
                () -> FunctionUrlResponse.prelude("[1]".getBytes(StandardCharsets.UTF_8)));
        assertThrows(FunctionUrlResponse.Unmappable.class,
                () -> FunctionUrlResponse.prelude("{".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void thePreludeEndsAtEightNulBytes() {
        byte[] stream = "{\"statusCode\":200}\0\0\0\0\0\0\0\0body\0".getBytes(StandardCharsets.UTF_8);
        assertEquals(18, FunctionUrlResponse.delimiter(stream, stream.length));
        assertEquals(-1, FunctionUrlResponse.delimiter(stream, 25), "seven NULs are not the delimiter yet");
        byte[] seven = "{}\0\0\0\0\0\0\0x\0\0\0\0\0\0\0\0".getBytes(StandardCharsets.UTF_8);
        assertEquals(10, FunctionUrlResponse.delimiter(seven, seven.length));
    }
}
