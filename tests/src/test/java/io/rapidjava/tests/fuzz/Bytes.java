package io.rapidjava.tests.fuzz;

import java.nio.charset.StandardCharsets;

/** Renders wire bytes for a report: printable ASCII as is, the rest escaped, long runs of one byte folded. */
final class Bytes {

    private static final int FOLD_AT = 12;
    private static final int MAX_CHARS = 3000;

    private Bytes() {
    }

    static String render(byte[] bytes) {
        return render(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /** Renders a Latin-1 string (one char per byte); a run is written {@code x{*5000}}. */
    static String render(String latin1) {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < latin1.length() && sb.length() < MAX_CHARS) {
            char c = latin1.charAt(i);
            int j = i;
            while (j < latin1.length() && latin1.charAt(j) == c) {
                j++;
            }
            if (j - i >= FOLD_AT) {
                sb.append(escape(c)).append("{*").append(j - i).append('}');
                i = j;
                continue;
            }
            sb.append(escape(c));
            i++;
        }
        if (i < latin1.length()) {
            sb.append("...<").append(latin1.length() - i).append(" more bytes>");
        }
        return sb.toString();
    }

    private static String escape(char c) {
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            case '{' -> "\\{";
            default -> c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c);
        };
    }
}
