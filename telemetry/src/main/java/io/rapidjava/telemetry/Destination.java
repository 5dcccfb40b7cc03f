package io.rapidjava.telemetry;

/**
 * Where a subscriber's batches go, always on this machine: {@code HTTP} POSTs to {@code port} on loopback (with the
 * URI's path and query), {@code TCP} writes newline-delimited JSON to {@code port} on loopback.
 */
public record Destination(Protocol protocol, String uri, int port, String pathAndQuery) {

    public enum Protocol { HTTP, TCP }
}
