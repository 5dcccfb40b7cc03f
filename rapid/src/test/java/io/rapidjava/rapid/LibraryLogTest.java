package io.rapidjava.rapid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Issue 9 item 4: library records become one line of the daemon's log, at the daemon's levels. */
class LibraryLogTest {

    @Test
    void levelsMapOntoTheDaemons() {
        assertEquals(LogLevel.ERROR, LibraryLog.levelOf(Level.SEVERE));
        assertEquals(LogLevel.WARN, LibraryLog.levelOf(Level.WARNING));
        assertEquals(LogLevel.DEBUG, LibraryLog.levelOf(Level.INFO));
        assertEquals(LogLevel.DEBUG, LibraryLog.levelOf(Level.CONFIG));
        assertEquals(LogLevel.TRACE, LibraryLog.levelOf(Level.FINE));
        assertEquals(LogLevel.TRACE, LibraryLog.levelOf(Level.FINEST));
    }

    @Test
    void recordIsOneLineWithTheExceptionButNoStackTrace() {
        LogRecord r = new LogRecord(Level.WARNING, "accept failed\nbadly");
        r.setLoggerName("io.netty.channel.DefaultChannelPipeline");
        r.setThrown(new IOException("Too many open files"));
        String line = LibraryLog.line(r);
        assertEquals("io.netty.channel.DefaultChannelPipeline: accept failed badly: java.io.IOException: "
                + "Too many open files", line);
        assertFalse(line.contains("\n"));
    }

    @Test
    void aClientGoneIsNotTheOperatorsBusinessButAFailedAcceptIs() {
        assertTrue(LibraryLog.clientGone(new java.net.SocketException("Connection reset")));
        assertTrue(LibraryLog.clientGone(new java.nio.channels.ClosedChannelException()));
        assertFalse(LibraryLog.clientGone(new IOException("Too many open files")));
        assertFalse(LibraryLog.clientGone(null));
    }

    @Test
    void parametersAreFilledIn() {
        LogRecord r = new LogRecord(Level.SEVERE, "closed {0} of {1}");
        r.setLoggerName("io.vertx");
        r.setParameters(new Object[] {"a", "b"});
        assertEquals("io.vertx: closed a of b", LibraryLog.line(r));
    }
}
