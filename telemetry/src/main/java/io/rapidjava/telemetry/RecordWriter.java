package io.rapidjava.telemetry;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.rapidjava.rendering.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Streams one envelope {@code {"time":...,"type":...,"record":...}} with a Jackson generator: this is on the log
 * path, so no mapper, no reflection and no tree per event.
 */
final class RecordWriter {

    /** The daemon's JSON factory, so escapes match its other bodies (lower-case hex). */
    private static final JsonFactory FACTORY = Json.MAPPER.getFactory();

    /** As AWS shows it: UTC, milliseconds, the finer digits dropped. */
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** What goes after {@code "record":}: an object or a string. */
    @FunctionalInterface
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private RecordWriter() {
    }

    static List<Envelope> one(Category category, String type, Instant time, Body body) {
        return List.of(envelope(category, type, time, body));
    }

    static Envelope envelope(Category category, String type, Instant time, Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("time", time(time));
            g.writeStringField("type", type);
            g.writeFieldName("record");
            body.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Envelope(category, type, out.toByteArray());
    }

    static String time(Instant time) {
        return TIME.format(time);
    }

    /**
     * A duration as the docs show it: milliseconds with microsecond precision, the nanoseconds dropped, trailing
     * zeros trimmed but one decimal kept ({@code 140.0}, {@code 693.92}, {@code 150.002}).
     */
    static String millis(double ms) {
        // to whole nanoseconds first: the event's double is a nanosecond count over 1e6, floor it exactly
        long micros = Math.round(ms * 1_000_000) / 1000;
        String sign = micros < 0 ? "-" : "";
        long abs = Math.abs(micros);
        long fraction = abs % 1000;
        if (fraction == 0) {
            return sign + abs / 1000 + ".0";
        }
        String digits = Long.toString(1000 + fraction).substring(1);
        int end = digits.length();
        while (digits.charAt(end - 1) == '0') {
            end--;
        }
        return sign + abs / 1000 + "." + digits.substring(0, end);
    }

    /** A subscription's notice, the same in both APIs but for its type's name. */
    static Envelope subscribed(String type, String extensionName, List<String> types, Instant time) {
        return envelope(Category.PLATFORM, type, time, g -> {
            g.writeStartObject();
            g.writeStringField("name", extensionName);
            g.writeStringField("state", "Subscribed");
            stringArrayField(g, "types", types);
            g.writeEndObject();
        });
    }

    static void millisField(JsonGenerator g, String name, double ms) throws IOException {
        g.writeFieldName(name);
        g.writeNumber(millis(ms));
    }

    /** Optional attributes ({@code ?} in the docs) are left out rather than written as null. */
    static void optionalField(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    static void stringArrayField(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }
}
