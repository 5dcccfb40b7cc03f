package io.rapidjava.rapid;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes java.util.logging (Vert.x and Netty log through it) into the daemon's log: one format, one level, one
 * line per record, throttled per logger. JUL's own console handler must not run: its formatter loads the
 * time-zone database on first use, and when that happens at a moment without free file descriptors (accept
 * failing with EMFILE) the error kills the thread that logged, Netty's acceptor, and the port stops accepting.
 */
final class LibraryLog extends Handler {

    private static final long WINDOW_MILLIS = 10_000;
    private static final int MAX_LOGGERS = 64;

    // Held strongly: java.util.logging keeps loggers weakly, and a collected logger forgets its level.
    private static final Logger ROOT = Logger.getLogger("");

    private final Map<String, Throttle> throttles = new HashMap<>();

    private LibraryLog() {
    }

    /**
     * Replaces JUL's handlers with this one. Library INFO is chatter, so it shows from the daemon's debug level,
     * and FINE and below (Netty's start-up dump of its settings) only at trace.
     */
    static void install(LogLevel level) {
        for (Handler h : ROOT.getHandlers()) {
            ROOT.removeHandler(h);
        }
        ROOT.addHandler(new LibraryLog());
        ROOT.setLevel(switch (level) {
            case TRACE -> Level.ALL;
            case DEBUG -> Level.CONFIG;
            case INFO, WARN -> Level.WARNING;
            case ERROR -> Level.SEVERE;
        });
    }

    static LogLevel levelOf(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return LogLevel.ERROR;
        }
        if (value >= Level.WARNING.intValue()) {
            return LogLevel.WARN;
        }
        return value >= Level.CONFIG.intValue() ? LogLevel.DEBUG : LogLevel.TRACE;
    }

    @Override
    public void publish(LogRecord record) {
        // A connection's I/O error (a reset, a client gone mid-request) is the client's doing, not ours; a failed
        // accept (no descriptors left) is the operator's business and keeps its level.
        LogLevel at = clientGone(record.getThrown()) ? LogLevel.DEBUG : levelOf(record.getLevel());
        if (!Log.enabled(at)) {
            return;
        }
        long held = throttle(record.getLoggerName()).pass();
        if (held < 0) {
            return;
        }
        Log.log(at, Throttle.withHeld(line(record), held));
    }

    private synchronized Throttle throttle(String logger) {
        String key = String.valueOf(logger);
        if (throttles.size() >= MAX_LOGGERS && !throttles.containsKey(key)) {
            throttles.clear();
        }
        return throttles.computeIfAbsent(key, k -> new Throttle(WINDOW_MILLIS));
    }

    static boolean clientGone(Throwable thrown) {
        return thrown instanceof java.net.SocketException || thrown instanceof java.nio.channels.ClosedChannelException
                || thrown instanceof io.vertx.core.http.HttpClosedException;
    }

    static String line(LogRecord record) {
        StringBuilder line = new StringBuilder().append(record.getLoggerName()).append(": ").append(message(record));
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            line.append(": ").append(thrown);
        }
        String text = line.toString().replace('\n', ' ').replace('\r', ' ');
        if (thrown != null && Log.enabled(LogLevel.DEBUG)) {
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            text += "\n" + trace.toString().stripTrailing();
        }
        return text;
    }

    private static String message(LogRecord record) {
        String message = String.valueOf(record.getMessage());
        Object[] params = record.getParameters();
        if (params == null || params.length == 0) {
            return message;
        }
        try {
            return MessageFormat.format(message, params);
        } catch (IllegalArgumentException e) {
            return message;
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
