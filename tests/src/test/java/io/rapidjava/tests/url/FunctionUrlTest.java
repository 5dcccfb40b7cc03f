package io.rapidjava.tests.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Function URL end to end with a bash function that picks its answer by path: its event as the function sees
 * it (echoed back, so the client reads it), a response object, a function error, a streamed answer with its HTTP
 * prelude, and the refusals.
 */
@Timeout(60)
class FunctionUrlTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String RUNTIME = """
            while next; do
              case "$EVENT" in
                *'"rawPath":"/custom"'*)
                  respond '{"statusCode":201,"headers":{"Content-Type":"text/plain","X-Custom":"yes"},"cookies":["a=1; Max-Age=60","b=2"],"body":"created"}' ;;
                *'"rawPath":"/binary"'*)
                  respond '{"statusCode":200,"headers":{"Content-Type":"application/octet-stream"},"body":"AAEC/w==","isBase64Encoded":true}' ;;
                *'"rawPath":"/error"'*)
                  fail Function.Oops '{"errorMessage":"oops","errorType":"Function.Oops"}' ;;
                *'"rawPath":"/stream"'*)
                  { printf '{"statusCode":207,"headers":{"Content-Type":"text/plain"},"cookies":["s=1"]}'
                    printf '\\0\\0\\0\\0\\0\\0\\0\\0'; printf 'streamed '; sleep 0.1; printf 'body'; } | \\
                    curl -sS -o /dev/null -X POST -T - -H 'Transfer-Encoding: chunked' -H 'Expect:' \\
                      -H 'Lambda-Runtime-Function-Response-Mode: streaming' \\
                      -H 'Content-Type: application/vnd.awslambda.http-integration-response' \\
                      "$API/runtime/invocation/$REQUEST_ID/response" ;;
                *'"rawPath":"/plain-stream"'*)
                  printf 'no prelude' | curl -sS -o /dev/null -X POST -T - -H 'Transfer-Encoding: chunked' -H 'Expect:' \\
                      -H 'Lambda-Runtime-Function-Response-Mode: streaming' -H 'Content-Type: text/csv' \\
                      "$API/runtime/invocation/$REQUEST_ID/response" ;;
                *)
                  respond_file "$EVENT_FILE" ;;
              esac
            done
            """;

    @TempDir
    static Path dir;

    private static Daemon daemon;

    @BeforeAll
    static void start() {
        daemon = Daemon.builder().cleanLambdaEnv().flag("--function-url-address", "127.0.0.1:0")
                .command(Scripts.runtime(dir, "bootstrap", RUNTIME).toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder request) throws Exception {
        return Daemon.http().send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void aGetBecomesThePayloadFormat2EventAndJsonComesBackAsA200() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(daemon.functionUrl("/some/path?x=1&x=2&y=a%20b"))
                .header("Cookie", "c1=v1; c2=v2").header("X-Custom", "hi").header("User-Agent", "test-agent/1").GET());
        assertEquals(200, r.statusCode(), () -> text(r));
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.headers().firstValue("X-Amzn-RequestId").isPresent());
        JsonNode e = JSON.readTree(r.body());
        assertEquals("2.0", e.get("version").asText());
        assertEquals("$default", e.get("routeKey").asText());
        assertEquals("/some/path", e.get("rawPath").asText());
        assertEquals("x=1&x=2&y=a%20b", e.get("rawQueryString").asText());
        assertEquals(JSON.readTree("[\"c1=v1\",\"c2=v2\"]"), e.get("cookies"));
        assertEquals("hi", e.get("headers").get("x-custom").asText());
        assertEquals("127.0.0.1", e.get("headers").get("x-forwarded-for").asText());
        assertEquals(JSON.readTree("{\"x\":\"1,2\",\"y\":\"a b\"}"), e.get("queryStringParameters"));
        JsonNode http = e.get("requestContext").get("http");
        assertEquals("GET", http.get("method").asText());
        assertEquals("/some/path", http.get("path").asText());
        assertEquals("HTTP/1.1", http.get("protocol").asText());
        assertEquals("127.0.0.1", http.get("sourceIp").asText());
        assertEquals("test-agent/1", http.get("userAgent").asText());
        JsonNode context = e.get("requestContext");
        assertEquals(r.headers().firstValue("X-Amzn-RequestId").orElseThrow(), context.get("requestId").asText(),
                "the event's request id is the invoke's");
        assertTrue(context.get("time").asText().matches("\\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000"));
        assertTrue(context.get("timeEpoch").asLong() > 1_600_000_000_000L);
        assertTrue(context.get("domainName").asText().startsWith("127.0.0.1:"));
        assertFalse(e.has("body"));
        assertFalse(e.get("isBase64Encoded").asBoolean());
    }

    @Test
    void aFormPostIsBase64AndJsonStaysText() throws Exception {
        JsonNode form = JSON.readTree(send(HttpRequest.newBuilder(daemon.functionUrl("/submit"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=Ada+Lovelace&lang=en"))).body());
        assertEquals("POST", form.get("requestContext").get("http").get("method").asText());
        assertTrue(form.get("isBase64Encoded").asBoolean());
        assertEquals("name=Ada+Lovelace&lang=en",
                new String(Base64.getDecoder().decode(form.get("body").asText()), StandardCharsets.UTF_8));
        JsonNode json = JSON.readTree(send(HttpRequest.newBuilder(daemon.functionUrl("/json"))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString("{\"a\":1}")))
                .body());
        assertFalse(json.get("isBase64Encoded").asBoolean());
        assertEquals("{\"a\":1}", json.get("body").asText());
    }

    @Test
    void aResponseObjectIsTheResponse() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(daemon.functionUrl("/custom")).GET());
        assertEquals(201, r.statusCode());
        assertEquals("created", text(r));
        assertEquals("text/plain", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("yes", r.headers().firstValue("X-Custom").orElse(""));
        assertEquals(List.of("a=1; Max-Age=60", "b=2"), r.headers().allValues("Set-Cookie"));
        HttpResponse<byte[]> binary = send(HttpRequest.newBuilder(daemon.functionUrl("/binary")).GET());
        assertEquals(4, binary.body().length);
        assertEquals((byte) 0xff, binary.body()[3]);
    }

    @Test
    void aFunctionErrorIsA502() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(daemon.functionUrl("/error")).GET());
        assertEquals(502, r.statusCode());
        assertEquals("Internal Server Error", text(r));
        // and the function goes on serving
        assertEquals(200, send(HttpRequest.newBuilder(daemon.functionUrl("/after")).GET()).statusCode());
    }

    @Test
    void aStreamedAnswerFlowsAfterItsPrelude() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(daemon.functionUrl("/stream")).GET());
        assertEquals(207, r.statusCode(), () -> text(r));
        assertEquals("streamed body", text(r));
        assertEquals("text/plain", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals(List.of("s=1"), r.headers().allValues("Set-Cookie"));
        assertEquals("chunked", r.headers().firstValue("Transfer-Encoding").orElse(""));
        HttpResponse<byte[]> plain = send(HttpRequest.newBuilder(daemon.functionUrl("/plain-stream")).GET());
        assertEquals(200, plain.statusCode());
        assertEquals("text/csv", plain.headers().firstValue("Content-Type").orElse(""));
        assertEquals("no prelude", text(plain));
    }

    @Test
    void aBodyOverLambdasLimitIs413AndTheNextRequestIsServed() throws Exception {
        HttpResponse<byte[]> r = send(HttpRequest.newBuilder(daemon.functionUrl("/big"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[6_291_557])));
        assertEquals(413, r.statusCode());
        assertEquals("RequestEntityTooLarge", r.headers().firstValue("X-Amzn-ErrorType").orElse(""));
        assertTrue(text(r).contains("\"errorType\":\"RequestEntityTooLarge\""), () -> text(r));
        assertEquals(200, send(HttpRequest.newBuilder(daemon.functionUrl("/small")).GET()).statusCode());
    }

    @Test
    void everyMethodAndPathIsAnInvoke() throws Exception {
        for (String method : List.of("DELETE", "PATCH", "OPTIONS")) {
            HttpResponse<byte[]> r = send(HttpRequest.newBuilder(daemon.functionUrl("/any/" + method))
                    .method(method, HttpRequest.BodyPublishers.noBody()));
            assertEquals(200, r.statusCode(), method);
            assertEquals(method, JSON.readTree(r.body()).get("requestContext").get("http").get("method").asText());
        }
    }
}
