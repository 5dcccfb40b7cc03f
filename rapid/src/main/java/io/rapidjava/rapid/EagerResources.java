package io.rapidjava.rapid;

import io.rapidjava.rendering.Json;
import java.util.Objects;
import java.util.TimeZone;
import java.util.UUID;

/**
 * What the JDK and Jackson read from files on first use, loaded once at start-up on a virtual thread (off the
 * event loop, while the runtime starts). Left to first use, the read can fall at a moment without a free file
 * descriptor (a flood of connections, EMFILE), and a class whose initialisation failed stays unusable for good:
 * the time-zone database (Jackson's mapper needs it) and the seed source of random UUIDs (request and
 * extension ids).
 */
final class EagerResources {

    private EagerResources() {
    }

    static void load() {
        Thread.ofVirtual().name("rapid-eager-resources").start(() -> {
            try {
                TimeZone.getTimeZone("UTC");
                UUID.randomUUID();
                Objects.requireNonNull(Json.MAPPER);
            } catch (Throwable e) {
                Log.warn("could not load the time-zone data, random ids or the JSON mapper at start-up: " + e);
            }
        });
    }
}
