package io.rapidjava.interop;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** X-Ray trace headers ({@code Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=0}). */
public final class TraceHeader {

    private static final HexFormat HEX = HexFormat.of();

    private TraceHeader() {
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
