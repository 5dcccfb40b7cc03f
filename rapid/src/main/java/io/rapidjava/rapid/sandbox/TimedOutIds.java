package io.rapidjava.rapid.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request ids of the last invokes that timed out in the concurrent mode, where the runtime goes on with them:
 * its late answer for one is told {@code 410 InvokeTimeout} once, and anything after that an unknown id. Bounded:
 * the oldest id goes first. Event-loop confined.
 */
final class TimedOutIds {

    private final Map<String, Boolean> ids;

    TimedOutIds(int max) {
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > max;
            }
        };
    }

    void add(String requestId) {
        ids.put(requestId, Boolean.TRUE);
    }

    boolean contains(String requestId) {
        return ids.containsKey(requestId);
    }

    /** Whether {@code requestId} timed out (and is forgotten from now on). */
    boolean consume(String requestId) {
        return ids.remove(requestId) != null;
    }

    int size() {
        return ids.size();
    }
}
