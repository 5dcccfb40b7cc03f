package io.rapidjava.telemetry;

/**
 * One event as a subscriber receives it: its category (for the subscription's {@code types}), its {@code type}
 * (e.g. {@code platform.start}, {@code function}) and its JSON envelope {@code {"time":...,"type":...,"record":...}}.
 */
public record Envelope(Category category, String type, byte[] json) {
}
