package io.rapidjava.rapid;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The daemon's own log on stderr, in the emulator's layout:
 * {@code 23 Nov 2026 10:00:00,123 [INFO] (rapid) message}.
 */
public final class Log {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss,SSS", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final OutputStream ERR = new FileOutputStream(FileDescriptor.err);
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

    public static void log(LogLevel at, String message) {
        if (enabled(at)) {
            always(at, message);
        }
    }

    /** Written whatever the level: lines other programs rely on (the listening addresses). */
    public static void always(LogLevel at, String message) {
        String line = TIME.format(java.time.Instant.now()) + " [" + at.name() + "] (rapid) " + message + "\n";
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        synchronized (ERR) {
            try {
                ERR.write(bytes);
            } catch (IOException ignored) {
                // nowhere left to report it
            }
        }
    }
}
