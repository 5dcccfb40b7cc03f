package io.rapidjava.metrics;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The meters of one tag whose values come from outside (a function names its own error types; a reset, its
 * reason): made once per value and kept, at most {@link #LIMIT} values; the values past that share one meter,
 * {@value #OTHER}, so a runaway name cannot grow the daemon's series. Confined to one thread.
 */
final class PerValue<M> {

    static final int LIMIT = 32;
    static final String OTHER = "other";

    private final Map<String, M> meters = new HashMap<>();
    private final Function<String, M> make;
    private M other;

    PerValue(Function<String, M> make) {
        this.make = make;
    }

    /** A lookup of a value already seen allocates nothing. */
    M get(String value) {
        M meter = meters.get(value);
        if (meter != null) {
            return meter;
        }
        if (meters.size() < LIMIT) {
            meter = make.apply(value);
            meters.put(value, meter);
            return meter;
        }
        if (other == null) {
            other = make.apply(OTHER);
        }
        return other;
    }
}
