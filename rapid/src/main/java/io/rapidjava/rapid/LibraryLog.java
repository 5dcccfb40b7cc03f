package io.rapidjava.rapid;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.BiConsumer;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * What Vert.x and Netty log through java.util.logging, as lines of the daemon's log. The JDK's own console handler
 * would write them to stderr synchronously, from the event loop as often as not.
 */
final class LibraryLog extends Handler {

    private static final Formatter MESSAGE = new SimpleFormatter();

    private final BiConsumer<LogLevel, String> log;

    LibraryLog(BiConsumer<LogLevel, String> log) {
        this.log = log;
    }

    /** Replaces the root logger's handlers (the console handler) with this one. */
    static void install() {
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
        }
        root.addHandler(new LibraryLog(Log::always));
    }

    @Override
    public void publish(LogRecord record) {
        // the loggers' levels have filtered already
        log.accept(level(record.getLevel()), record.getLoggerName() + ": " + MESSAGE.formatMessage(record)
                + thrown(record.getThrown()));
    }

    /** The exception on the same line; its stack trace on the lines after it at debug level. */
    private static String thrown(Throwable thrown) {
        if (thrown == null) {
            return "";
        }
        if (!Log.enabled(LogLevel.DEBUG)) {
            return ": " + thrown;
        }
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return ": " + trace.toString().stripTrailing();
    }

    private static LogLevel level(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return LogLevel.ERROR;
        }
        if (value >= Level.WARNING.intValue()) {
            return LogLevel.WARN;
        }
        if (value >= Level.INFO.intValue()) {
            return LogLevel.INFO;
        }
        return value >= Level.FINE.intValue() ? LogLevel.DEBUG : LogLevel.TRACE;
    }

    @Override
    public void flush() {
        // the output writer flushes before the daemon exits
    }

    @Override
    public void close() {
        // nothing held
    }
}
