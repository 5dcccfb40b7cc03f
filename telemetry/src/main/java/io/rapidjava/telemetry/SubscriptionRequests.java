package io.rapidjava.telemetry;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.rapidjava.rendering.Json;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Set;

/**
 * The body of {@code PUT /2022-07-01/telemetry} or {@code PUT /2020-08-15/logs}, validated as AWS documents it
 * (https://docs.aws.amazon.com/lambda/latest/dg/telemetry-api-reference.html,
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-logs-api.html#runtimes-logs-api-ref). Fields it does not
 * know are ignored, as AWS's own schema (no {@code additionalProperties: false}) and decoder ignore them.
 */
public final class SubscriptionRequests {

    /** The Logs API's schema version when the request names none (its docs: "Default value: 2020-08-15"). */
    static final String LOGS_DEFAULT_SCHEMA_VERSION = "2020-08-15";

    static final int DEFAULT_MAX_BYTES = 262_144;
    static final int DEFAULT_TIMEOUT_MS = 1000;

    private static final ObjectReader READER =
            Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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
        JsonNode request = object(body);
        String schemaVersion = schemaVersion(api, request.get("schemaVersion"));
        Destination destination = Destinations.of(request.get("destination"));
        Set<Category> types = types(request.get("types"));
        Buffering buffering = buffering(api, request.get("buffering"));
        return new Subscription(api, schemaVersion, destination, types, buffering);
    }

    private static JsonNode object(byte[] body) {
        JsonNode node;
        try {
            node = READER.readTree(body);
        } catch (IOException e) {
            throw new Invalid("body", "is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new Invalid("body", "must be a JSON object");
        }
        return node;
    }

    private static String schemaVersion(Api api, JsonNode node) {
        if (node == null && api == Api.LOGS) {
            return LOGS_DEFAULT_SCHEMA_VERSION;
        }
        if (node == null) {
            throw new Invalid("schemaVersion", "is required");
        }
        if (!node.isTextual() || !api.schemaVersions().contains(node.textValue())) {
            throw new Invalid("schemaVersion", "must be one of " + String.join(", ", api.schemaVersions()));
        }
        return node.textValue();
    }

    private static Set<Category> types(JsonNode node) {
        if (node == null) {
            throw new Invalid("types", "is required");
        }
        if (!node.isArray()) {
            throw new Invalid("types", "must be an array of platform, function or extension");
        }
        if (node.isEmpty()) {
            throw new Invalid("types", "must not be empty");
        }
        Set<Category> types = EnumSet.noneOf(Category.class);
        for (JsonNode type : node) {
            types.add(category(type));
        }
        return types;
    }

    private static Category category(JsonNode type) {
        for (Category category : Category.values()) {
            if (type.isTextual() && category.wire().equals(type.textValue())) {
                return category;
            }
        }
        throw new Invalid("types", "unknown type " + type + " (expected platform, function or extension)");
    }

    private static Buffering buffering(Api api, JsonNode node) {
        if (node == null) {
            return new Buffering(api.defaultMaxItems(), DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT_MS);
        }
        if (!node.isObject()) {
            throw new Invalid("buffering", "must be an object");
        }
        return new Buffering(
                bounded(node.get("maxItems"), "buffering.maxItems", 1000, 10_000, api.defaultMaxItems()),
                bounded(node.get("maxBytes"), "buffering.maxBytes", 262_144, 1_048_576, DEFAULT_MAX_BYTES),
                bounded(node.get("timeoutMs"), "buffering.timeoutMs", 25, 30_000, DEFAULT_TIMEOUT_MS));
    }

    /** An optional integer within AWS's documented limits; absent, the default. */
    static int bounded(JsonNode node, String field, int min, int max, int absent) {
        if (node == null) {
            return absent;
        }
        if (!node.isIntegralNumber()) {
            throw new Invalid(field, "must be an integer");
        }
        if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw new Invalid(field, "must be between " + min + " and " + max);
        }
        return node.intValue();
    }
}
