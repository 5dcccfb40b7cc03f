package io.rapidjava.telemetry;

import io.rapidjava.rendering.JsonTree;
import java.io.IOException;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code PUT /2022-07-01/telemetry} or {@code PUT /2020-08-15/logs}, validated as AWS documents it
 * (https://docs.aws.amazon.com/lambda/latest/dg/telemetry-api-reference.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-logs-api.html#runtimes-logs-api-ref). Fields it does not
 * know are ignored, as AWS's own schema (no {@code additionalProperties: false}) and decoder ignore them. Values are
 * {@link JsonTree}'s: a field absent is Java {@code null}, a field given as null {@link JsonTree#NULL}.
 */
public final class SubscriptionRequests {

    /** The Logs API's schema version when the request names none (its docs: "Default value: 2020-08-15"). */
    static final String LOGS_DEFAULT_SCHEMA_VERSION = "2020-08-15";

    static final int DEFAULT_MAX_BYTES = 262_144;
    static final int DEFAULT_TIMEOUT_MS = 1000;

    /** A refused request; the message names the field first, e.g. {@code buffering.maxItems: must be ...}. */
    public static final class Invalid extends RuntimeException {

        Invalid(String field, String problem) {
            super(field + ": " + problem);
        }
    }

    private SubscriptionRequests() {
    }

    /** @throws Invalid if the body is not a subscription AWS would accept for this API */
    public static Subscription parse(Api api, byte[] body) {
        Map<?, ?> request = object(body);
        String schemaVersion = schemaVersion(api, request.get("schemaVersion"));
        Destination destination = Destinations.of(request.get("destination"));
        Set<Category> types = types(request.get("types"));
        Buffering buffering = buffering(api, request.get("buffering"));
        return new Subscription(api, schemaVersion, destination, types, buffering);
    }

    private static Map<?, ?> object(byte[] body) {
        Object node;
        try {
            node = JsonTree.only(body);
        } catch (IOException e) {
            throw new Invalid("body", "is not JSON");
        }
        if (!(node instanceof Map<?, ?> object)) {
            throw new Invalid("body", "must be a JSON object");
        }
        return object;
    }

    private static String schemaVersion(Api api, Object node) {
        if (node == null && api == Api.LOGS) {
            return LOGS_DEFAULT_SCHEMA_VERSION;
        }
        if (node == null) {
            throw new Invalid("schemaVersion", "is required");
        }
        if (!(node instanceof String version) || !api.schemaVersions().contains(version)) {
            throw new Invalid("schemaVersion", "must be one of " + String.join(", ", api.schemaVersions()));
        }
        return version;
    }

    private static Set<Category> types(Object node) {
        if (node == null) {
            throw new Invalid("types", "is required");
        }
        if (!(node instanceof List<?> list)) {
            throw new Invalid("types", "must be an array of platform, function or extension");
        }
        if (list.isEmpty()) {
            throw new Invalid("types", "must not be empty");
        }
        Set<Category> types = EnumSet.noneOf(Category.class);
        for (Object type : list) {
            types.add(category(type));
        }
        return types;
    }

    private static Category category(Object type) {
        for (Category category : Category.values()) {
            if (category.wire().equals(type)) {
                return category;
            }
        }
        throw new Invalid("types", "unknown type " + JsonTree.quoted(type)
                + " (expected platform, function or extension)");
    }

    private static Buffering buffering(Api api, Object node) {
        if (node == null) {
            return new Buffering(api.defaultMaxItems(), DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS);
        }
        if (!(node instanceof Map<?, ?> buffering)) {
            throw new Invalid("buffering", "must be an object");
        }
        return new Buffering(
                bounded(buffering.get("maxItems"), "buffering.maxItems", 1000, 10_000, api.defaultMaxItems()),
                bounded(buffering.get("maxBytes"), "buffering.maxBytes", 262_144, 1_048_576, DEFAULT_MAX_BYTES),
                bounded(buffering.get("timeoutMs"), "buffering.timeoutMs", 25, 30_000, DEFAULT_TIMEOUT_MS));
    }

    /** An optional integer within AWS's documented limits; absent, the default. */
    static int bounded(Object node, String field, int min, int max, int absent) {
        if (node == null) {
            return absent;
        }
        if (!JsonTree.isIntegral(node)) {
            throw new Invalid(field, "must be an integer");
        }
        // a BigInteger is beyond a long, so beyond every limit
        Number n = (Number) node;
        if (n instanceof BigInteger || n.longValue() < min || n.longValue() > max) {
            throw new Invalid(field, "must be between " + min + " and " + max);
        }
        return n.intValue();
    }
}
