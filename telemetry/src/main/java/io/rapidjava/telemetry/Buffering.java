package io.rapidjava.telemetry;

/** When a subscriber's batch is closed: at {@code maxItems} events, {@code maxBytes} bytes, or {@code timeoutMs}. */
public record Buffering(int maxItems, int maxBytes, int timeoutMs) {
}
