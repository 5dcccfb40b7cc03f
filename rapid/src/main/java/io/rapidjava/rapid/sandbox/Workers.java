package io.rapidjava.rapid.sandbox;

import java.util.ArrayDeque;

/**
 * The runtime's idle workers in the concurrent mode: each one a {@code next} call parked until an invoke is handed
 * to it, oldest first, bounded (a runtime asking more often than that is refused). One per generation; event-loop
 * confined.
 */
final class Workers {

    private final ArrayDeque<NextCall> idle = new ArrayDeque<>();
    private final int max;

    Workers(int max) {
        this.max = max;
    }

    /** Parks a worker's {@code next}; false when {@code max} already wait. */
    boolean park(NextCall call) {
        if (idle.size() >= max) {
            return false;
        }
        idle.add(call);
        return true;
    }

    /** A worker that went away while it waited. */
    void remove(NextCall call) {
        idle.remove(call);
    }

    /** The oldest idle worker still connected, taken out; null when none. */
    NextCall take() {
        NextCall call;
        while ((call = idle.poll()) != null) {
            if (!call.closed()) {
                return call;
            }
        }
        return null;
    }

    int idle() {
        return idle.size();
    }

    /** Drops every parked call (the generation ends): the runtime sees its connections reset. */
    void resetAll() {
        NextCall call;
        while ((call = idle.poll()) != null) {
            call.onClosed(null);
            call.reset();
        }
    }
}
