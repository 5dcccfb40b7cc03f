package io.rapidjava.interop;

import java.util.List;

/** How a generation ended: the reason, how long the sequence took, and how each of its processes ended. */
public record ShutdownSummary(String reason, double durationMs, List<ProcessEnd> processes) {

    public ShutdownSummary {
        processes = List.copyOf(processes);
    }

    /**
     * One process: {@code role} is {@code runtime} or {@code extension}; {@code how} is {@code exited} (with its
     * code), {@code signalled} (by {@code signal}), {@code killed} (by the sequence, past its time) or {@code gone}
     * (never reaped in time).
     */
    public record ProcessEnd(String name, String role, long pid, String how, int code, int signal) {
    }
}
