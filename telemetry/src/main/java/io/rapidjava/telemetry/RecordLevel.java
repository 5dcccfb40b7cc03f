package io.rapidjava.telemetry;

import java.util.Locale;
import java.util.Optional;

/**
 * The level of a record in a JSON log stream, from the most detail to the least: application records use all six,
 * platform records DEBUG, INFO and WARN. A threshold keeps the records at its level and the less detailed ones.
 */
public enum RecordLevel {
    TRACE, DEBUG, INFO, WARN, ERROR, FATAL;

    /** Lambda's level names, in any case (its own example of a custom runtime's record says {@code "debug"}). */
    public static Optional<RecordLevel> parse(String name) {
        for (RecordLevel level : values()) {
            if (level.name().equals(name.toUpperCase(Locale.ROOT))) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** One of the three levels a system log level may be set to. */
    public boolean systemLevel() {
        return this == DEBUG || this == INFO || this == WARN;
    }

    /** Kept by a stream filtered at {@code threshold}. */
    public boolean kept(RecordLevel threshold) {
        return compareTo(threshold) >= 0;
    }
}
