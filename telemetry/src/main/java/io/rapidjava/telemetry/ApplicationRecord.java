package io.rapidjava.telemetry;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.rendering.Json;
import io.rapidjava.rendering.JsonTree;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * One line the runtime or an extension wrote, as a record of a JSON log stream: a line that is one JSON object is
 * the record as written ({@code {"time":...,"type":"function","record":{...}}}), any other line a string record. Its
 * level is the object's {@code "level"} when the object also has a valid RFC 3339 {@code "timestamp"} (or
 * {@code "time"}); anything else is INFO, as AWS documents for log-level filtering.
 */
record ApplicationRecord(RecordLevel level, String json) {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_OFFSET_DATE_TIME).toFormatter();

    /** The record's type is the line's source: {@code function} or {@code extension}. */
    static ApplicationRecord of(PlatformEvent.LogLine line) {
        String text = line.text().strip();
        Map<?, ?> object = object(text);
        if (object == null) {
            return new ApplicationRecord(RecordLevel.INFO,
                    envelope(line.time(), line.source(), Json.string(line.text())));
        }
        // the object goes out as the runtime wrote it: re-encoding could change its numbers or its escapes
        return new ApplicationRecord(level(object), envelope(line.time(), line.source(), text));
    }

    /** {@code {"time":...,"type":...,"record":...}}, the record already JSON; the time in milliseconds, UTC. */
    private static String envelope(Instant time, String type, String recordJson) {
        return "{\"time\":\"" + TIME.format(time) + "\",\"type\":\"" + type + "\",\"record\":" + recordJson + "}";
    }

    /** The line's text when it is one JSON object (as written, to be embedded raw), else null. */
    static String objectText(String line) {
        String text = line.strip();
        return object(text) == null ? null : text;
    }

    /** The line as a JSON object, or null; only a line that looks like one is parsed. */
    private static Map<?, ?> object(String text) {
        if (!text.startsWith("{")) {
            return null;
        }
        try {
            return JsonTree.only(text) instanceof Map<?, ?> object ? object : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static RecordLevel level(Map<?, ?> object) {
        if (!(object.get("level") instanceof String level) || !timestamped(object)) {
            return RecordLevel.INFO;
        }
        return RecordLevel.parse(level).orElse(RecordLevel.INFO);
    }

    /** The managed runtimes name it {@code timestamp}; Go's slog, which custom runtimes use, {@code time}. */
    private static boolean timestamped(Map<?, ?> object) {
        return rfc3339(object.get("timestamp")) || rfc3339(object.get("time"));
    }

    private static boolean rfc3339(Object value) {
        if (!(value instanceof String text)) {
            return false;
        }
        try {
            RFC_3339.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
