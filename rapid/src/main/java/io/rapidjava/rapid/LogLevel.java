package io.rapidjava.rapid;

import java.util.Locale;
import java.util.Optional;

/** The daemon's own log levels (the emulator's logrus names are accepted too). */
public enum LogLevel {
    TRACE, DEBUG, INFO, WARN, ERROR;

    public static Optional<LogLevel> parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "trace" -> Optional.of(TRACE);
            case "debug" -> Optional.of(DEBUG);
            case "info" -> Optional.of(INFO);
            case "warn", "warning" -> Optional.of(WARN);
            case "error", "fatal", "panic" -> Optional.of(ERROR);
            default -> Optional.empty();
        };
    }
}
