package io.rapidjava.interop;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** X-Ray trace headers ({@code Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=0}). */
public final class TraceHeader {

    private static final HexFormat HEX = HexFormat.of();

    private TraceHeader() {
    }

    /** Whether a trace header names a root and is sampled ({@code Sampled=1}): only then is it traced. */
    public static boolean sampled(String header) {
        if (header == null) {
            return false;
        }
        // read in place: this runs for each record of each invoke
        boolean root = false;
        boolean sampled = false;
        for (int start = 0; start <= header.length(); ) {
            int end = header.indexOf(';', start);
            end = end < 0 ? header.length() : end;
            int from = start;
            int to = end;
            while (from < to && Character.isWhitespace(header.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(header.charAt(to - 1))) {
                to--;
            }
            root |= to - from > "Root=".length() && header.startsWith("Root=", from);
            sampled |= to - from == "Sampled=1".length() && header.startsWith("Sampled=1", from);
            start = end + 1;
        }
        return root && sampled;
    }

    /** A fresh, unsampled trace header, as Lambda gives a runtime whose caller sent none. */
    public static String generate(long epochSeconds) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] root = new byte[12];
        byte[] parent = new byte[8];
        random.nextBytes(root);
        random.nextBytes(parent);
        return "Root=1-" + HEX.toHexDigits((int) epochSeconds) + "-" + HEX.formatHex(root)
                + ";Parent=" + HEX.formatHex(parent) + ";Sampled=0";
    }
}
