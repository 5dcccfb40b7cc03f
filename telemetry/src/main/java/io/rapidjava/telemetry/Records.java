package io.rapidjava.telemetry;

import io.rapidjava.interop.PlatformEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The records a subscriber receives, per API and schema version, as AWS documents them: the Telemetry API's in
 * https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html, the Logs API's in
 * https://docs.aws.amazon.com/lambda/latest/dg/runtimes-logs-api.html. Each is encoded once, then shared by every
 * subscriber of that API and version whose {@code types} include its category.
 *
 * <p>An event becomes no, one or (Logs API: an invoke's report is {@code platform.end} then {@code platform.report})
 * two records: {@link #encodeAll} gives them all, {@link #encode} the first.
 */
public final class Records {

    private Records() {
    }

    /**
     * The envelope of a platform event for a subscriber of this API and schema version; null when the event has no
     * record there. The Telemetry API has none for ShutdownStart, ShutdownReport, InvokeFault and InvokeTimeout (their
     * outcome is in runtimeDone's and report's status); the Logs API none for the init events, InvokeTimeout and the
     * shutdown ones, nor InvokeRuntimeDone before 2021-03-18. For a Logs API InvokeReport this is only
     * {@code platform.end}: deliver with {@link #encodeAll}.
     *
     * @throws IllegalArgumentException if the schema version is not one of the API's
     */
    public static Envelope encode(PlatformEvent event, Api api, String schemaVersion, SandboxInfo info) {
        List<Envelope> all = encodeAll(event, api, schemaVersion, info);
        return all.isEmpty() ? null : all.getFirst();
    }

    /** Every record of a platform event, in the order a subscriber receives them (often none or one). */
    public static List<Envelope> encodeAll(PlatformEvent event, Api api, String schemaVersion, SandboxInfo info) {
        checkVersion(api, schemaVersion);
        return switch (api) {
            case TELEMETRY -> TelemetryRecords.of(event, info, schemaVersion);
            case LOGS -> LogsRecords.of(event, schemaVersion);
        };
    }

    /**
     * {@code platform.telemetrySubscription} (Telemetry API) or {@code platform.logsSubscription} (Logs API), state
     * {@code Subscribed}, the types in the order platform, function, extension.
     */
    public static Envelope subscribed(Api api, String schemaVersion, String extensionName, Set<Category> types) {
        return subscribed(api, schemaVersion, extensionName, types, PlatformEvent.now());
    }

    /** {@code platform.logsDropped}: a subscriber's batch, or lines, Lambda could not deliver. */
    public static Envelope logsDropped(Api api, String schemaVersion, long droppedRecords, long droppedBytes,
                                       String reason) {
        return logsDropped(api, schemaVersion, droppedRecords, droppedBytes, reason, PlatformEvent.now());
    }

    static Envelope subscribed(Api api, String schemaVersion, String extensionName, Set<Category> types,
                               Instant time) {
        checkVersion(api, schemaVersion);
        List<String> wire = new ArrayList<>(types.size());
        for (Category category : Category.values()) {
            if (types.contains(category)) {
                wire.add(category.wire());
            }
        }
        return switch (api) {
            case TELEMETRY -> TelemetryRecords.subscribed(extensionName, wire, time);
            case LOGS -> LogsRecords.subscribed(extensionName, wire, time);
        };
    }

    static Envelope logsDropped(Api api, String schemaVersion, long droppedRecords, long droppedBytes, String reason,
                                Instant time) {
        checkVersion(api, schemaVersion);
        return switch (api) {
            case TELEMETRY -> TelemetryRecords.logsDropped(droppedRecords, droppedBytes, reason, time);
            case LOGS -> LogsRecords.logsDropped(droppedRecords, droppedBytes, reason, time);
        };
    }

    private static void checkVersion(Api api, String schemaVersion) {
        if (!api.schemaVersions().contains(schemaVersion)) {
            throw new IllegalArgumentException("schema version " + schemaVersion + " is not one of " + api + "'s "
                    + api.schemaVersions());
        }
    }
}
