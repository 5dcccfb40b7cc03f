package io.rapidjava.rendering;

/**
 * JSON text to the bytes Go's encoder writes: UTF-8, with {@code <}, {@code >}, {@code &}, U+2028 and U+2029 as
 * {@code \}{@code u} escapes (lower-case hex). These characters can only stand inside JSON strings (they are never
 * structural), so escaping them in the finished text is exact. A lone surrogate becomes {@code ?}, as
 * {@link String#getBytes} makes it.
 */
final class GoUtf8 {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private GoUtf8() {
    }

    /** The scratch's text, then {@code \n} when asked; the scratch is ready for its next value after. */
    static byte[] encode(JsonScratch scratch, boolean newline) {
        char[] text = scratch.text();
        int length = scratch.length();
        byte[] out = new byte[size(text, length) + (newline ? 1 : 0)];
        int o = 0;
        for (int i = 0; i < length; i++) {
            char c = text[i];
            if (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                out[o++] = '\\';
                out[o++] = 'u';
                out[o++] = HEX[c >> 12];
                out[o++] = HEX[(c >> 8) & 0xf];
                out[o++] = HEX[(c >> 4) & 0xf];
                out[o++] = HEX[c & 0xf];
            } else if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xc0 | (c >> 6));
                out[o++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text[i + 1])) {
                int cp = Character.toCodePoint(c, text[++i]);
                out[o++] = (byte) (0xf0 | (cp >> 18));
                out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                out[o++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                out[o++] = '?';
            } else {
                out[o++] = (byte) (0xe0 | (c >> 12));
                out[o++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                out[o++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        if (newline) {
            out[o] = '\n';
        }
        scratch.reset();
        return out;
    }

    private static int size(char[] text, int length) {
        int size = 0;
        for (int i = 0; i < length; i++) {
            char c = text[i];
            if (c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                size += 6;
            } else if (c < 0x80) {
                size += 1;
            } else if (c < 0x800) {
                size += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text[i + 1])) {
                size += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                size += 1;
            } else {
                size += 3;
            }
        }
        return size;
    }
}
