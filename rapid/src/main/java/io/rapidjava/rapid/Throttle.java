package io.rapidjava.rapid;

/**
 * Lets one log line through per window and counts the ones it holds back, so that a flood (a client's bad
 * requests, accept failures, refused connections) costs one line per window instead of one per event.
 * Thread-safe: library loggers call it from Netty's acceptor thread too.
 */
public final class Throttle {

    private final long windowNanos;
    private long openedAt;
    private boolean used;
    private long held;

    public Throttle(long windowMillis) {
        this.windowNanos = windowMillis * 1_000_000L;
    }

    /**
     * Whether a line may be written now; {@code -1} if not (the event is counted), else how many events
     * were held back since the last line that was let through.
     */
    public synchronized long pass() {
        long now = System.nanoTime();
        if (used && now - openedAt < windowNanos) {
            held++;
            return -1;
        }
        used = true;
        openedAt = now;
        long before = held;
        held = 0;
        return before;
    }

    /** {@code message}, with the count of held-back events when there were any. */
    public static String withHeld(String message, long held) {
        return held > 0 ? message + " (and " + held + " more since the last report)" : message;
    }
}
