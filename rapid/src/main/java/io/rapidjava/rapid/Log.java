package io.rapidjava.rapid;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The daemon's own log on stderr, in the emulator's layout:
 * {@code 23 Nov 2026 10:00:00,123 [INFO] (rapid) message}. Lines are queued for the {@link OutputWriter}'s
 * thread: a stderr nobody reads never stalls the caller (the event loop, most often).
 */
public final class Log {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss,SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static volatile LogLevel level = LogLevel.INFO;

    private Log() {
    }

    public static void level(LogLevel value) {
        level = value;
    }

    public static boolean enabled(LogLevel at) {
        return at.compareTo(level) >= 0;
    }

    public static void debug(String message) {
        log(LogLevel.DEBUG, message);
    }

    public static void info(String message) {
        log(LogLevel.INFO, message);
    }

    public static void warn(String message) {
        log(LogLevel.WARN, message);
    }

    public static void error(String message) {
        log(LogLevel.ERROR, message);
    }

    /**
     * Reports a failure a long-lived thread caught and goes on from ({@code what} is what was lost). Never throws,
     * not even when there is no memory left for the line.
     */
    public static void caught(String what, Throwable e) {
        try {
            error(what + ": " + e);
        } catch (Throwable ignored) {
            // nowhere left to report it: the thread goes on regardless
        }
    }

    public static void log(LogLevel at, String message) {
        if (enabled(at)) {
            always(at, message);
        }
    }

    /** Written whatever the level: lines other programs rely on (the listening addresses). */
    public static void always(LogLevel at, String message) {
        String line = TIME.format(java.time.Instant.now()) + " [" + at.name() + "] (rapid) " + message + "\n";
        OutputWriter.get().stderr(line.getBytes(StandardCharsets.UTF_8));
    }
}
