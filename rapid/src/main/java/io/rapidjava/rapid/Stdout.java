package io.rapidjava.rapid;

import java.nio.charset.StandardCharsets;

/**
 * The function's log stream: runtime output and platform lines, queued for the daemon's stdout and written by
 * the {@link OutputWriter}'s thread, so a slow reader of stdout never stalls the event loop or a process pump.
 */
public final class Stdout {

    /** Queues one line (a newline is added). Lines beyond the queue's bounds are counted and dropped, never blocking. */
    public void line(String line) {
        OutputWriter.get().stdout((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Waits (bounded) until every queued line, of stdout and of the daemon's log, is written; before an exit. */
    public void flush(long timeoutMillis) {
        OutputWriter.get().flush(timeoutMillis);
    }
}
