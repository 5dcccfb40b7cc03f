package io.rapidjava.rapid.url;

import com.fasterxml.jackson.core.JsonGenerator;
import io.rapidjava.rendering.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The event Lambda makes of a Function URL request (payload format 2.0): header names in lower case, repeated ones
 * joined with commas, cookies apart; query parameters decoded, repeated ones joined with commas; a body that is not
 * text in base64. A field with nothing to say is left out, as Lambda leaves it out.
 */
record FunctionUrlEvent(String version, String routeKey, String rawPath, String rawQueryString, List<String> cookies,
                        Map<String, String> headers, Map<String, String> queryStringParameters,
                        RequestContext requestContext, String body, boolean isBase64Encoded) implements Json.Writable {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    /** {@code accountId} is {@code anonymous}, as for a URL whose auth type is NONE; {@code apiId} the URL's id. */
    record RequestContext(String accountId, String apiId, String domainName, String domainPrefix, Http http,
                          String requestId, String routeKey, String stage, String time, long timeEpoch)
            implements Json.Writable {
        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.optionalField(g, "accountId", accountId);
            Json.optionalField(g, "apiId", apiId);
            Json.optionalField(g, "domainName", domainName);
            Json.optionalField(g, "domainPrefix", domainPrefix);
            Json.optionalField(g, "http", http);
            Json.optionalField(g, "requestId", requestId);
            Json.optionalField(g, "routeKey", routeKey);
            Json.optionalField(g, "stage", stage);
            Json.optionalField(g, "time", time);
            g.writeNumberField("timeEpoch", timeEpoch);
            g.writeEndObject();
        }
    }

    record Http(String method, String path, String protocol, String sourceIp, String userAgent)
            implements Json.Writable {
        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.optionalField(g, "method", method);
            Json.optionalField(g, "path", path);
            Json.optionalField(g, "protocol", protocol);
            Json.optionalField(g, "sourceIp", sourceIp);
            Json.optionalField(g, "userAgent", userAgent);
            g.writeEndObject();
        }
    }

    /** A field that is null is left out; in {@code headers}, a header without a value is written as null. */
    @Override
    public void writeTo(JsonGenerator g) throws IOException {
        g.writeStartObject();
        Json.optionalField(g, "version", version);
        Json.optionalField(g, "routeKey", routeKey);
        Json.optionalField(g, "rawPath", rawPath);
        Json.optionalField(g, "rawQueryString", rawQueryString);
        Json.optionalField(g, "cookies", cookies);
        Json.optionalField(g, "headers", headers);
        Json.optionalField(g, "queryStringParameters", queryStringParameters);
        Json.optionalField(g, "requestContext", requestContext);
        Json.optionalField(g, "body", body);
        g.writeBooleanField("isBase64Encoded", isBase64Encoded);
        g.writeEndObject();
    }

    /** The event's JSON for {@code request}, the invoke {@code requestId} at {@code now}, on the URL {@code urlId}. */
    static byte[] of(UrlRequest request, String requestId, String urlId, String traceId, Instant now) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        for (Map.Entry<String, String> h : request.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (name.equals("cookie")) {
                for (String cookie : h.getValue().split(";")) {
                    if (!cookie.isBlank()) {
                        cookies.add(cookie.trim());
                    }
                }
            } else {
                headers.merge(name, h.getValue(), (a, b) -> a + "," + b);
            }
        }
        headers.merge("x-forwarded-for", request.sourceIp(), (a, b) -> a + ", " + b);
        headers.put("x-forwarded-proto", "http");
        headers.put("x-forwarded-port", Integer.toString(request.localPort()));
        headers.put("x-amzn-trace-id", traceId);
        String host = headers.getOrDefault("host", "localhost");
        byte[] body = request.body();
        boolean text = body.length == 0 || (isText(headers.get("content-type")) && utf8(body));
        RequestContext context = new RequestContext("anonymous", urlId, host, urlId,
                new Http(request.method(), request.rawPath(), request.protocol(), request.sourceIp(),
                        headers.get("user-agent")),
                requestId, "$default", "$default", TIME.format(now), now.toEpochMilli());
        FunctionUrlEvent event = new FunctionUrlEvent("2.0", "$default", request.rawPath(), request.rawQuery(),
                cookies.isEmpty() ? null : cookies, headers, query(request.rawQuery()), context,
                body.length == 0 ? null : text ? new String(body, StandardCharsets.UTF_8)
                        : Base64.getEncoder().encodeToString(body), !text);
        return Json.bytes(event);
    }

    /** Text media types reach the function as they are; anything else (forms and uploads too) in base64, as Lambda. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.toLowerCase(Locale.ROOT);
        int semicolon = type.indexOf(';');
        String media = (semicolon < 0 ? type : type.substring(0, semicolon)).trim();
        return media.startsWith("text/") || media.endsWith("json") || media.endsWith("xml")
                || media.endsWith("javascript");
    }

    private static boolean utf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Null without a query string; a parameter that does not decode is kept as it was written. */
    static Map<String, String> query(String raw) {
        if (raw.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params.isEmpty() ? null : params;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
