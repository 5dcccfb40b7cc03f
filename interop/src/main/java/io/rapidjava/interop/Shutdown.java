package io.rapidjava.interop;

import java.time.Duration;
import java.util.Objects;

/** A request to stop for good: why (Lambda's shutdown reason, {@code spindown} normally) and the deadline. */
public record Shutdown(String reason, Duration deadline) {

    public Shutdown {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(deadline, "deadline");
    }
}
