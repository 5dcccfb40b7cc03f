package io.rapidjava.telemetry;

import io.rapidjava.interop.PlatformEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The init under way, for extensions that subscribe later in it: each new subscriber gets it first, so it still
 * sees {@code platform.initStart} and the earlier subscriptions. Recorded from the hub's creation (or a
 * {@code platform.initStart}) to the init's {@code platform.initReport}, after which no extension may subscribe.
 * At most {@link #MAX_EVENTS} events: past that, log lines are no longer kept, lifecycle events (a few per
 * extension) still are. Guarded by the hub's lock.
 */
final class Replay {

    static final int MAX_EVENTS = 10_000;

    private final List<Item> items = new ArrayList<>();
    private boolean recording = true;

    void record(PlatformEvent event, Item item) {
        if (event instanceof PlatformEvent.InitStart) {
            items.clear();
            recording = true;
        }
        if (recording && (items.size() < MAX_EVENTS || !(event instanceof PlatformEvent.LogLine))) {
            items.add(item);
        }
        if (event instanceof PlatformEvent.InitReport) {
            items.clear();
            recording = false;
        }
    }

    /** The hub's own notices (a subscription), kept while an init is recorded. */
    void record(Item notice) {
        if (recording) {
            items.add(notice);
        }
    }

    List<Item> snapshot() {
        return List.copyOf(items);
    }
}
