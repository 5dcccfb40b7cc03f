package io.rapidjava.interop;

import java.util.Optional;

/** {@code X-Amz-Invocation-Type}. */
public enum InvocationType {
    REQUEST_RESPONSE("RequestResponse"),
    EVENT("Event"),
    DRY_RUN("DryRun");

    private final String wire;

    InvocationType(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** Absent header means RequestResponse; an unknown value is empty. */
    public static Optional<InvocationType> parse(String header) {
        if (header == null || header.isEmpty()) {
            return Optional.of(REQUEST_RESPONSE);
        }
        for (InvocationType t : values()) {
            if (t.wire.equals(header)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
