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
        boolean root = false;
        boolean sampled = false;
        for (String part : header.split(";")) {
            String field = part.strip();
            root |= field.startsWith("Root=") && field.length() > "Root=".length();
            sampled |= field.equals("Sampled=1");
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
        return "Root=1-" + String.format("%08x", epochSeconds & 0xffffffffL) + "-" + HEX.formatHex(root)
                + ";Parent=" + HEX.formatHex(parent) + ";Sampled=0";
    }
}
