package io.rapidjava.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.interop.PlatformEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A function logging in the JSON format: its JSON lines are objects in the records from schema 2022-12-13 on. */
class JsonLinesRecordsTest {

    private static final Instant T = Instant.parse("2026-12-01T10:00:00.123456Z");
    private static final SandboxInfo JSON = new SandboxInfo("fn", "$LATEST", "arn", null, 128, "on-demand", true);
    private static final SandboxInfo TEXT = new SandboxInfo("fn", "$LATEST", "arn", null, 128, "on-demand");

    private static String record(String line, SandboxInfo info, String schema) {
        Envelope e = Records.encode(new PlatformEvent.LogLine(T, "function", null, "r1", line), Api.TELEMETRY, schema,
                info);
        return new String(e.json(), StandardCharsets.UTF_8);
    }

    @Test
    void aJsonLineIsAnObjectFrom20221213() {
        String line = "{\"level\":\"INFO\",\"message\":\"hi\",\"n\":1.50}";
        assertEquals("{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"function\",\"record\":" + line + "}",
                record(line, JSON, "2022-12-13"));
        assertEquals("{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"function\",\"record\":" + line + "}",
                record(line, JSON, "2025-01-29"));
    }

    @Test
    void otherwiseTheLineIsAString() {
        String line = "{\"level\":\"INFO\"}";
        String asString = "{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"function\",\"record\":\"{\\\"level\\\":\\\"INFO\\\"}\"}";
        assertEquals(asString, record(line, JSON, "2022-07-01"));
        assertEquals(asString, record(line, TEXT, "2022-12-13"));
        assertEquals("{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"function\",\"record\":\"plain {text\"}",
                record("plain {text", JSON, "2022-12-13"));
        assertEquals("{\"time\":\"2026-12-01T10:00:00.123Z\",\"type\":\"function\",\"record\":\"{broken\"}",
                record("{broken", JSON, "2022-12-13"));
    }
}
