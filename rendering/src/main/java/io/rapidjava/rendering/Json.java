package io.rapidjava.rendering;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The daemon's JSON output, on jackson-core's streaming generator: no data binding, so no reflection and no
 * serializer tables at start-up. Output matches Go's encoder, which clients of Lambda have seen for years:
 * {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped (lower-case hex), everything else above ASCII as raw
 * UTF-8 ({@link GoUtf8}), and a trailing newline on bodies.
 */
public final class Json {

    /** Every generator and parser of the daemon comes from here: lower-case hex in {@code \}{@code u} escapes, as Go. */
    public static final JsonFactory FACTORY =
            JsonFactory.builder().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();

    /** A wire record: writes itself as one JSON value, its fields in the order and with the nulls its readers know. */
    public interface Writable {
        void writeTo(JsonGenerator g) throws IOException;
    }

    private Json() {
    }

    /** The value as JSON followed by {@code \n}. */
    public static byte[] body(Object value) {
        return GoUtf8.encode(JsonScratch.write(value), true);
    }

    /** The value as compact JSON, no newline. */
    public static byte[] bytes(Object value) {
        return GoUtf8.encode(JsonScratch.write(value), false);
    }

    /** The value as compact JSON, no newline. */
    public static String string(Object value) {
        return new String(bytes(value), StandardCharsets.UTF_8);
    }

    /** The value as compact JSON from {@code factory}, without Go's escapes. */
    public static String plain(JsonFactory factory, Object value) {
        StringWriter out = new StringWriter(128);
        try (JsonGenerator g = factory.createGenerator(out)) {
            write(g, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Writes a {@link Writable}, a {@link JsonTree} value (a map, a list, a string, a boolean, an int, long,
     * BigInteger or double, {@link JsonTree#NULL}), or null.
     */
    public static void write(JsonGenerator g, Object value) throws IOException {
        switch (value) {
            case null -> g.writeNull();
            case Writable w -> w.writeTo(g);
            case String s -> g.writeString(s);
            case Boolean b -> g.writeBoolean(b);
            case Integer i -> g.writeNumber(i);
            case Long l -> g.writeNumber(l);
            case Double d -> g.writeNumber(d);
            case BigInteger b -> g.writeNumber(b);
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeFieldName((String) e.getKey());
                    write(g, e.getValue());
                }
                g.writeEndObject();
            }
            case Iterable<?> items -> {
                g.writeStartArray();
                for (Object item : items) {
                    write(g, item);
                }
                g.writeEndArray();
            }
            default -> {
                if (value != JsonTree.NULL) {
                    throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
                }
                g.writeNull();
            }
        }
    }

    /** {@code "name":value}, a null value written as {@code null}. */
    public static void field(JsonGenerator g, String name, Object value) throws IOException {
        g.writeFieldName(name);
        write(g, value);
    }

    /** {@code "name":value}, left out when the value is null. */
    public static void optionalField(JsonGenerator g, String name, Object value) throws IOException {
        if (value != null) {
            g.writeFieldName(name);
            write(g, value);
        }
    }
}
