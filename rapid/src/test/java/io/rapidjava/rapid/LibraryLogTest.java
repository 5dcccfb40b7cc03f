package io.rapidjava.rapid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Vert.x's and Netty's java.util.logging records become lines of the daemon's log. */
class LibraryLogTest {

    private final List<String> lines = new ArrayList<>();
    private final LibraryLog handler = new LibraryLog((level, text) -> lines.add(level + " " + text));

    private void publish(Level level, String message, Object... params) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName("io.vertx.core.Thing");
        record.setParameters(params);
        handler.publish(record);
    }

    @Test
    void levelsMapToTheDaemons() {
        publish(Level.SEVERE, "s");
        publish(Level.WARNING, "w");
        publish(Level.INFO, "i");
        publish(Level.CONFIG, "c");
        publish(Level.FINE, "f");
        publish(Level.FINEST, "t");
        assertEquals(List.of("ERROR io.vertx.core.Thing: s", "WARN io.vertx.core.Thing: w", "INFO io.vertx.core.Thing: i",
                "DEBUG io.vertx.core.Thing: c", "DEBUG io.vertx.core.Thing: f", "TRACE io.vertx.core.Thing: t"), lines);
    }

    @Test
    void parametersAreFilledInAndTheExceptionNamed() {
        publish(Level.WARNING, "Thread {0} has been blocked", "vert.x-eventloop-thread-0");
        LogRecord record = new LogRecord(Level.WARNING, "failed");
        record.setLoggerName("io.netty.X");
        record.setThrown(new IllegalStateException("boom"));
        handler.publish(record);
        assertEquals(List.of("WARN io.vertx.core.Thing: Thread vert.x-eventloop-thread-0 has been blocked",
                "WARN io.netty.X: failed: java.lang.IllegalStateException: boom"), lines);
    }
}
