package io.rapidjava.telemetry;

import java.util.Set;

/** A validated subscription: the API and schema version it came with, where to, which categories, how batched. */
public record Subscription(Api api, String schemaVersion, Destination destination, Set<Category> types,
                           Buffering buffering) {

    public Subscription {
        types = Set.copyOf(types);
    }
}
