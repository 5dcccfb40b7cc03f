package io.rapidjava.telemetry;

/** What a subscription's {@code types} name: the platform's events, the function's log lines, the extensions'. */
public enum Category {
    PLATFORM("platform"),
    FUNCTION("function"),
    EXTENSION("extension");

    private final String wire;

    Category(String wire) {
        this.wire = wire;
    }

    /** The name in a subscription's {@code types} and in a record's {@code type}. */
    public String wire() {
        return wire;
    }
}
