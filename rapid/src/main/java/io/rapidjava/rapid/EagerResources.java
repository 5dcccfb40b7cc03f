package io.rapidjava.rapid;

import io.rapidjava.rapid.process.ChildProcess;
import io.rapidjava.rendering.Json;
import java.util.Objects;
import java.util.TimeZone;
import java.util.UUID;

/**
 * What the JDK reads from files on first use, loaded once at start-up on a virtual thread (on the spare
 * core, while the servers start), with the native calls a launch makes (see {@link ChildProcess#prepare()}). Left to first use, the read can fall at a moment without a free file
 * descriptor (a flood of connections, EMFILE), and a class whose initialisation failed stays unusable for good:
 * the time-zone database and the seed source of random UUIDs (request and extension ids). The JSON factory's classes
 * are loaded here too, off the path to the first answer.
 */
final class EagerResources {

    private EagerResources() {
    }

    static void load() {
        Thread.ofVirtual().name("rapid-eager-resources").start(() -> {
            try {
                TimeZone.getTimeZone("UTC");
                UUID.randomUUID();
                Objects.requireNonNull(Json.FACTORY);
                ChildProcess.prepare();
            } catch (Throwable e) {
                Log.warn("could not load the time-zone data, random ids, the JSON factory or the native calls at start-up: "
                        + e);
            }
        });
    }
}
