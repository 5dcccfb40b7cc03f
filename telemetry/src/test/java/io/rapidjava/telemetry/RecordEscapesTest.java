package io.rapidjava.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A record's escapes byte for byte: the byte generator writes lower-case hex, escapes characters beyond U+FFFF as
 * surrogate pairs and leaves {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as they are (records are not
 * Go-escaped bodies).
 */
class RecordEscapesTest {

    @Test
    void controlsInLowerCaseHexAndSupplementaryCharactersAsPairs() {
        String name = "<a&b> \u0000\u001f\u007f \u2028 é \uD83D\uDE00";
        byte[] json = RecordWriter.subscribed("platform.logsSubscription", name, List.of("platform"), Instant.EPOCH)
                .json();
        assertEquals("{\"time\":\"1970-01-01T00:00:00.000Z\",\"type\":\"platform.logsSubscription\",\"record\":"
                + "{\"name\":\"<a&b> \\u0000\\u001f\u007f \u2028 é \\ud83d\\ude00\",\"state\":\"Subscribed\","
                + "\"types\":[\"platform\"]}}", new String(json, StandardCharsets.UTF_8));
    }
}
