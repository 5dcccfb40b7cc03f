package io.rapidjava.tests.fuzz;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The knobs of a fuzz run, from system properties so that a failure can be replayed from the command line:
 * {@code fuzz.seed}, {@code fuzz.cases} (per API), {@code fuzz.seconds} (time box per API), {@code fuzz.workers}
 * (concurrent connections), {@code fuzz.health.every} (cases between two normal invokes; 1 with one worker pins a
 * wedge on its case), {@code fuzz.deadline.ms}, {@code fuzz.health.ms}, {@code fuzz.apis} (e.g. {@code runtime,extensions}), {@code fuzz.only} ({@code <api>:<from>[-<to>]}, e.g. {@code runtime:1234}).
 */
record FuzzSettings(long seed, int cases, Duration timeBox, int workers, Duration deadline, Duration healthDeadline,
        int healthEvery, List<Api> apis, int from, int to) {

    /** CI runs the same cases every time; {@code -Dfuzz.seed=<any>} explores others. */
    static final long DEFAULT_SEED = 20_261_201L;

    static FuzzSettings fromSystemProperties() {
        long seed = Long.getLong("fuzz.seed", DEFAULT_SEED);
        int cases = Integer.getInteger("fuzz.cases", 2000);
        Duration timeBox = Duration.ofSeconds(Integer.getInteger("fuzz.seconds", 20));
        int workers = Integer.getInteger("fuzz.workers", 16);
        Duration deadline = Duration.ofMillis(Integer.getInteger("fuzz.deadline.ms", 2000));
        Duration health = Duration.ofMillis(Integer.getInteger("fuzz.health.ms", 5000));
        int healthEvery = Integer.getInteger("fuzz.health.every", 100);
        String only = System.getProperty("fuzz.only", "");
        if (only.isEmpty()) {
            List<Api> apis = Arrays.stream(System.getProperty("fuzz.apis", "invoke,runtime,extensions,telemetry,url").split(","))
                    .map(Api::byLabel).toList();
            return new FuzzSettings(seed, cases, timeBox, workers, deadline, health, healthEvery, apis, 0, cases - 1);
        }
        String[] apiAndRange = only.split(":", 2);
        String[] range = (apiAndRange.length > 1 ? apiAndRange[1] : "0-" + (cases - 1)).split("-", 2);
        int from = Integer.parseInt(range[0]);
        int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
        return new FuzzSettings(seed, cases, timeBox, workers, deadline, health, healthEvery,
                List.of(Api.byLabel(apiAndRange[0])),
                from, to);
    }
}
