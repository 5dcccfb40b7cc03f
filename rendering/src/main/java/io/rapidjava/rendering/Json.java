package io.rapidjava.rendering;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one JSON mapper of the daemon. Output matches Go's encoder, which clients of Lambda have seen for
 * years: {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped, and a trailing newline on bodies.
 */
public final class Json {

    public static final ObjectMapper MAPPER = JsonMapper.builder().build();

    static {
        MAPPER.getFactory().setCharacterEscapes(new GoEscapes());
    }

    private Json() {
    }

    /** The value as JSON followed by {@code \n}. */
    public static byte[] body(Object value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            try (JsonGenerator gen = MAPPER.createGenerator(out)) {
                MAPPER.writeValue(gen, value);
            }
            out.write('\n');
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value as compact JSON, no newline. */
    public static String string(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class GoEscapes extends CharacterEscapes {
        private final int[] table;

        GoEscapes() {
            table = standardAsciiEscapesForJSON();
            table['<'] = ESCAPE_STANDARD;
            table['>'] = ESCAPE_STANDARD;
            table['&'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return table;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return switch (ch) {
                case 0x2028 -> new SerializedString("\\u2028");
                case 0x2029 -> new SerializedString("\\u2029");
                default -> null;
            };
        }
    }
}
