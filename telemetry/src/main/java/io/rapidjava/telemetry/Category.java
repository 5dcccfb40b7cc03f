package io.rapidjava.telemetry;

import io.rapidjava.interop.PlatformEvent;

/** What a subscription's {@code types} name: the platform's events, the function's log lines, the extensions'. */
public enum Category {
    PLATFORM("platform"),
    FUNCTION("function"),
    EXTENSION("extension");

    private final String wire;

    Category(String wire) {
        this.wire = wire;
    }

    /** The category of an event's records: a line is its writer's, everything else the platform's. */
    static Category of(PlatformEvent event) {
        if (event instanceof PlatformEvent.LogLine line) {
            return "extension".equals(line.source()) ? EXTENSION : FUNCTION;
        }
        return PLATFORM;
    }

    /** The name in a subscription's {@code types} and in a record's {@code type}. */
    public String wire() {
        return wire;
    }
}
