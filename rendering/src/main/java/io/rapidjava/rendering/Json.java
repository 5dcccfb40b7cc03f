package io.rapidjava.rendering;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The one JSON mapper of the daemon. Output matches Go's encoder, which clients of Lambda have seen for
 * years: {@code <}, {@code >}, {@code &}, U+2028 and U+2029 escaped (lower-case hex), everything else above
 * ASCII as raw UTF-8, and a trailing newline on bodies.
 */
public final class Json {

    public static final ObjectMapper MAPPER =
            JsonMapper.builder().disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE).build();

    private Json() {
    }

    /** The value as JSON followed by {@code \n}. */
    public static byte[] body(Object value) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            out.write(goEscaped(utf8(value)));
            out.write('\n');
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value as compact JSON, no newline. */
    public static String string(Object value) {
        try {
            return new String(goEscaped(utf8(value)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Through a String: Jackson's byte generator would escape characters above U+FFFF, Go writes them raw. */
    private static byte[] utf8(Object value) throws IOException {
        return MAPPER.writeValueAsString(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Escapes what Go escapes and Jackson does not. These bytes can only stand inside JSON strings (they are
     * never structural), so rewriting the encoded bytes is exact.
     */
    static byte[] goEscaped(byte[] json) {
        int extra = 0;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (b == '<' || b == '>' || b == '&') {
                extra += 5;
            } else if (isLineOrParagraphSeparator(json, i)) {
                extra += 3;
            }
        }
        if (extra == 0) {
            return json;
        }
        byte[] out = new byte[json.length + extra];
        int o = 0;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (b == '<' || b == '>' || b == '&') {
                o = put(out, o, "\\u00" + Character.forDigit((b >> 4) & 0xf, 16) + Character.forDigit(b & 0xf, 16));
            } else if (isLineOrParagraphSeparator(json, i)) {
                o = put(out, o, json[i + 2] == (byte) 0xA8 ? "\\u2028" : "\\u2029");
                i += 2;
            } else {
                out[o++] = b;
            }
        }
        return out;
    }

    /** U+2028 and U+2029 in UTF-8: E2 80 A8 and E2 80 A9. */
    private static boolean isLineOrParagraphSeparator(byte[] json, int i) {
        return json[i] == (byte) 0xE2 && i + 2 < json.length && json[i + 1] == (byte) 0x80
                && (json[i + 2] == (byte) 0xA8 || json[i + 2] == (byte) 0xA9);
    }

    private static int put(byte[] out, int o, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            out[o++] = (byte) ascii.charAt(k);
        }
        return o;
    }
}
