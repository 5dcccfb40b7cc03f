package io.rapidjava.tests.telemetry;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How a {@link Subscriber} extension subscribes: its name, the API and schema version, the types, the protocol and
 * the URI's host, the buffering (null fields are left out of the request), how unwell its listener is and what it
 * waits for before subscribing.
 */
record SubscriberConfig(String name, String api, String schema, String types, String protocol, String host,
                        Integer maxItems, Integer maxBytes, Integer timeoutMs, String stall, Path after) {

    static final String ALL_TYPES = "platform,function,extension";

    /** A Telemetry API subscriber of schema 2025-01-29 to every type over HTTP, batches closed after 25 ms. */
    static SubscriberConfig telemetry(String name) {
        return new SubscriberConfig(name, "telemetry", "2025-01-29", ALL_TYPES, "HTTP", "sandbox.localdomain",
                null, null, 25, "none", null);
    }

    /** A Logs API subscriber of schema 2021-03-18 to every type over HTTP, batches closed after 25 ms. */
    static SubscriberConfig logs(String name) {
        return new SubscriberConfig(name, "logs", "2021-03-18", ALL_TYPES, "HTTP", "sandbox.localdomain",
                null, null, 25, "none", null);
    }

    SubscriberConfig schema(String version) {
        return new SubscriberConfig(name, api, version, types, protocol, host, maxItems, maxBytes, timeoutMs, stall,
                after);
    }

    SubscriberConfig types(String list) {
        return new SubscriberConfig(name, api, schema, list, protocol, host, maxItems, maxBytes, timeoutMs, stall,
                after);
    }

    SubscriberConfig tcp() {
        return new SubscriberConfig(name, api, schema, types, "TCP", host, maxItems, maxBytes, timeoutMs, stall,
                after);
    }

    SubscriberConfig host(String uriHost) {
        return new SubscriberConfig(name, api, schema, types, protocol, uriHost, maxItems, maxBytes, timeoutMs, stall,
                after);
    }

    SubscriberConfig buffering(Integer items, Integer bytes, Integer timeout) {
        return new SubscriberConfig(name, api, schema, types, protocol, host, items, bytes, timeout, stall, after);
    }

    /** Holds every delivery unanswered until {@code marker} exists. */
    SubscriberConfig stalledUntil(Path marker) {
        return new SubscriberConfig(name, api, schema, types, protocol, host, maxItems, maxBytes, timeoutMs,
                "until:" + marker.toAbsolutePath(), after);
    }

    /** Answers the first {@code n} deliveries 500. */
    SubscriberConfig failingFirst(int n) {
        return new SubscriberConfig(name, api, schema, types, protocol, host, maxItems, maxBytes, timeoutMs,
                "fail:" + n, after);
    }

    /** Answers each of the first {@code n} deliveries, then resets its connection. */
    SubscriberConfig resettingFirst(int n) {
        return new SubscriberConfig(name, api, schema, types, protocol, host, maxItems, maxBytes, timeoutMs,
                "reset:" + n, after);
    }

    /** Subscribes only once {@code marker} exists (late in init). */
    SubscriberConfig after(Path marker) {
        return new SubscriberConfig(name, api, schema, types, protocol, host, maxItems, maxBytes, timeoutMs, stall,
                marker.toAbsolutePath());
    }

    /** Writes the extension {@code extDir/<name>}, a wrapper that runs the subscriber writing into {@code out}. */
    Path install(Path extDir, Path out) {
        List<String> args = new ArrayList<>(List.of("name=" + name, "out=" + out.toAbsolutePath(), "api=" + api,
                "schema=" + schema, "types=" + types, "protocol=" + protocol, "host=" + host, "stall=" + stall));
        if (maxItems != null) {
            args.add("maxItems=" + maxItems);
        }
        if (maxBytes != null) {
            args.add("maxBytes=" + maxBytes);
        }
        if (timeoutMs != null) {
            args.add("timeoutMs=" + timeoutMs);
        }
        if (after != null) {
            args.add("after=" + after);
        }
        return Tel.wrapper(extDir, name, Tel.java(Subscriber.class), args);
    }
}
