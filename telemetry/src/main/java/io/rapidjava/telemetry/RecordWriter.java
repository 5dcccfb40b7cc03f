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
    private static final JsonFactory FACTORY = Json.FACTORY;

    /** A time as AWS shows it is this, then {@code .SSSZ}: UTC, milliseconds, the finer digits dropped. */
    private static final DateTimeFormatter SECOND =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    /** A second's text, formatted once for all its records: the formatter was a third of a record's cost. */
    private record Second(long epochSecond, String text) {
    }

    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    /** {@code yyyy-MM-ddTHH:mm:ss.SSSZ}: every time the records show, for years 0 to 9999. */
    private static final int TIME_LENGTH = 24;

    /** A sign, a long's 19 digits, a point and three decimals. */
    private static final int MILLIS_LENGTH = 24;

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

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
        Scratch scratch = SCRATCH.get();
        try {
            JsonGenerator g = scratch.generator();
            g.writeStartObject();
            g.writeFieldName("time");
            g.writeString(scratch.time(time), 0, TIME_LENGTH);
            g.writeStringField("type", type);
            g.writeFieldName("record");
            body.write(g);
            g.writeEndObject();
            g.flush();
        } catch (IOException e) {
            scratch.discard();
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            scratch.discard();
            throw e;
        }
        return new Envelope(category, type, scratch.take());
    }

    static String time(Instant time) {
        return new String(SCRATCH.get().time(time), 0, TIME_LENGTH);
    }

    /**
     * A thread's buffers and generator for its records, one record after the other at the generator's root: each
     * record then allocates its own bytes and little else (a fresh stream grew and copied them twice, and a fresh
     * generator made five objects, most of the records' allocation). A record that failed takes its generator along.
     */
    private static final class Scratch {

        /** Kept between records up to this; a record of a larger line leaves a fresh one behind. */
        private static final int KEPT_BYTES = 64 * 1024;

        private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        private final char[] time = new char[TIME_LENGTH];
        private final char[] digits = new char[MILLIS_LENGTH];

        private JsonGenerator generator;

        JsonGenerator generator() throws IOException {
            if (generator == null) {
                generator = FACTORY.createGenerator(out);
                generator.setRootValueSeparator(null);
            }
            return generator;
        }

        void discard() {
            generator = null;
            out.reset();
        }

        byte[] take() {
            byte[] bytes = out.toByteArray();
            out.reset();
            if (bytes.length > KEPT_BYTES) {
                SCRATCH.remove();
            }
            return bytes;
        }

        char[] time(Instant t) {
            Second second = lastSecond;
            if (second.epochSecond() != t.getEpochSecond()) {
                second = new Second(t.getEpochSecond(), SECOND.format(t));
                lastSecond = second;
            }
            second.text().getChars(0, 19, time, 0);
            int ms = t.getNano() / 1_000_000;
            time[19] = '.';
            time[20] = (char) ('0' + ms / 100);
            time[21] = (char) ('0' + ms / 10 % 10);
            time[22] = (char) ('0' + ms % 10);
            time[23] = 'Z';
            return time;
        }
    }

    /**
     * A duration as the docs show it: milliseconds with microsecond precision, the nanoseconds dropped, trailing
     * zeros trimmed but one decimal kept ({@code 140.0}, {@code 693.92}, {@code 150.002}).
     */
    static String millis(double ms) {
        char[] out = new char[MILLIS_LENGTH];
        return new String(out, 0, millis(ms, out));
    }

    /** {@link #millis(double)} into {@code out}, without a string: its length. */
    private static int millis(double ms, char[] out) {
        // to whole nanoseconds first: the event's double is a nanosecond count over 1e6, floor it exactly
        long micros = Math.round(ms * 1_000_000) / 1000;
        int n = 0;
        if (micros < 0) {
            out[n++] = '-';
        }
        long abs = Math.abs(micros);
        long whole = abs / 1000;
        int digits = 1;
        for (long rest = whole / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = n + digits - 1; i >= n; i--, whole /= 10) {
            out[i] = (char) ('0' + whole % 10);
        }
        n += digits;
        out[n++] = '.';
        int fraction = (int) (abs % 1000);
        out[n++] = (char) ('0' + fraction / 100);
        if (fraction % 100 != 0) {
            out[n++] = (char) ('0' + fraction / 10 % 10);
            if (fraction % 10 != 0) {
                out[n++] = (char) ('0' + fraction % 10);
            }
        }
        return n;
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
        char[] digits = SCRATCH.get().digits;
        g.writeNumber(digits, 0, millis(ms, digits));
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
