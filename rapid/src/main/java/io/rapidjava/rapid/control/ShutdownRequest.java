package io.rapidjava.rapid.control;

import io.rapidjava.interop.Shutdown;
import java.time.Duration;
import java.util.Set;

/** {@code POST /shutdown}: the one deadline of the shutdown sequence, the configured one by default. */
record ShutdownRequest(Duration deadline) {

    static final int MAX_DEADLINE_MS = 900_000;

    static ShutdownRequest parse(byte[] body, Duration configured) throws BadRequest {
        Integer ms = StrictJson.integer(StrictJson.object(body, Set.of("deadlineMs")), "deadlineMs", 1,
                MAX_DEADLINE_MS);
        return new ShutdownRequest(ms == null ? configured : Duration.ofMillis(ms));
    }

    /** A control call stops the sandbox for good as SIGTERM does. */
    Shutdown shutdown() {
        return new Shutdown("spindown", deadline);
    }
}
