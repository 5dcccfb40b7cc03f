package io.rapidjava.telemetry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The subscribers grouped by API and schema version, so an event is encoded once per schema in use, and only for a
 * schema with a subscriber that takes its category. Immutable.
 */
final class Routes {

    static final Routes NONE = new Routes(new Group[0]);

    private record Schema(Api api, String version) {
    }

    /** {@code takes}: the union of the subscribers' types. */
    private record Group(Schema schema, Subscriber[] subscribers, Set<Category> takes) {
    }

    private final Group[] groups;

    private Routes(Group[] groups) {
        this.groups = groups;
    }

    static Routes of(Collection<Subscriber> subscribers) {
        Map<Schema, List<Subscriber>> bySchema = new LinkedHashMap<>();
        for (Subscriber s : subscribers) {
            Schema schema = new Schema(s.subscription().api(), s.subscription().schemaVersion());
            bySchema.computeIfAbsent(schema, k -> new ArrayList<>()).add(s);
        }
        List<Group> groups = new ArrayList<>();
        bySchema.forEach((schema, list) -> {
            Set<Category> takes = EnumSet.noneOf(Category.class);
            list.forEach(s -> takes.addAll(s.subscription().types()));
            groups.add(new Group(schema, list.toArray(Subscriber[]::new), takes));
        });
        return new Routes(groups.toArray(Group[]::new));
    }

    /** The item's envelope for each group, null where its schema has none or none of its subscribers takes it. */
    Envelope[] encode(Item item, Category category) {
        Envelope[] encoded = new Envelope[groups.length];
        for (int i = 0; i < groups.length; i++) {
            if (groups[i].takes().contains(category)) {
                encoded[i] = encode(item, groups[i].schema().api(), groups[i].schema().version());
            }
        }
        return encoded;
    }

    /** Whether every subscriber that takes {@code category} would drop the item: then it need not be encoded. */
    boolean full(Category category) {
        for (Group g : groups) {
            for (Subscriber s : g.subscribers()) {
                if (s.takes(category) && !s.full()) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Drops the item, not encoded, at each subscriber that takes {@code category}; one whose queue made room
     * meanwhile gets it encoded after all.
     */
    void dropOrOffer(Item item, Category category, long now) {
        for (Group g : groups) {
            Envelope encoded = null;
            for (Subscriber s : g.subscribers()) {
                if (s.takes(category) && !s.dropIfFull()) {
                    if (encoded == null) {
                        encoded = encode(item, g.schema().api(), g.schema().version());
                        if (encoded == null) {
                            break;
                        }
                    }
                    s.offer(encoded, now);
                }
            }
        }
    }

    static Envelope encode(Item item, Api api, String schemaVersion) {
        try {
            return item.encode(api, schemaVersion);
        } catch (RuntimeException e) {
            // a record that cannot be made is a bug of Records (for its tests): the sandbox must not pay for it
            return null;
        }
    }

    void offer(Envelope[] encoded, long now) {
        for (int i = 0; i < groups.length; i++) {
            if (encoded[i] != null) {
                for (Subscriber s : groups[i].subscribers()) {
                    s.offer(encoded[i], now);
                }
            }
        }
    }
}
