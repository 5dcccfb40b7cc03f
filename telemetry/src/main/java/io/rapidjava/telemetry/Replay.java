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
    /** The most characters of output lines kept: lines can be 256 KB each. */
    static final long MAX_LINE_CHARS = 1 << 20;

    private final List<Item> items = new ArrayList<>();
    private boolean recording = true;
    private long lineChars;

    void record(PlatformEvent event, Item item) {
        if (event instanceof PlatformEvent.InitStart) {
            items.clear();
            lineChars = 0;
            recording = true;
        }
        if (!recording) {
            return;
        }
        if (event instanceof PlatformEvent.LogLine line) {
            if (items.size() >= MAX_EVENTS || lineChars + line.text().length() > MAX_LINE_CHARS) {
                return;
            }
            lineChars += line.text().length();
        }
        items.add(item);
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
