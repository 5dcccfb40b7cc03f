package io.rapidjava.telemetry;

import static io.rapidjava.telemetry.RecordWriter.millisField;
import static io.rapidjava.telemetry.RecordWriter.optionalField;
import static io.rapidjava.telemetry.RecordWriter.stringArrayField;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformEvent.ExtensionRegistered;
import io.rapidjava.interop.PlatformEvent.InitReport;
import io.rapidjava.interop.PlatformEvent.InitRuntimeDone;
import io.rapidjava.interop.PlatformEvent.InitStart;
import io.rapidjava.interop.PlatformEvent.InvokeFault;
import io.rapidjava.interop.PlatformEvent.InvokeReport;
import io.rapidjava.interop.PlatformEvent.InvokeRuntimeDone;
import io.rapidjava.interop.PlatformEvent.InvokeStart;
import io.rapidjava.interop.PlatformEvent.InvokeTimeout;
import io.rapidjava.interop.PlatformEvent.LogLine;
import io.rapidjava.interop.PlatformEvent.ShutdownReport;
import io.rapidjava.interop.PlatformEvent.ShutdownStart;
import java.time.Instant;
import java.util.List;

/**
 * The Logs API's records (https://docs.aws.amazon.com/lambda/latest/dg/runtimes-logs-api.html#runtimes-logs-api-msg):
 * its own, older event names; no init records; {@code platform.end} before each {@code platform.report}, and
 * {@code platform.runtimeDone} from schema 2021-03-18 only.
 */
final class LogsRecords {

    /** The schema version that added {@code platform.runtimeDone}. */
    static final String RUNTIME_DONE_VERSION = "2021-03-18";

    private LogsRecords() {
    }

    static List<Envelope> of(PlatformEvent event, String schemaVersion) {
        return switch (event) {
            case InvokeStart s -> List.of(platform("platform.start", s.time(), s.requestId(), g ->
                    optionalField(g, "version", s.version())));
            case InvokeRuntimeDone d -> schemaVersion.equals(RUNTIME_DONE_VERSION)
                    ? List.of(platform("platform.runtimeDone", d.time(), d.requestId(), g ->
                            g.writeStringField("status", d.status())))
                    : List.of();
            case InvokeReport r -> List.of(platform("platform.end", r.time(), r.requestId(), g -> { }),
                    platform("platform.report", r.time(), r.requestId(), g -> {
                        g.writeObjectFieldStart("metrics");
                        millisField(g, "durationMs", r.durationMs());
                        g.writeNumberField("billedDurationMs", r.billedDurationMs());
                        g.writeNumberField("memorySizeMB", r.memorySizeMb());
                        g.writeNumberField("maxMemoryUsedMB", r.maxMemoryUsedMb());
                        if (r.initDurationMs() != null) {
                            millisField(g, "initDurationMs", r.initDurationMs());
                        }
                        g.writeEndObject();
                    }));
            case InvokeFault f -> RecordWriter.one(Category.PLATFORM, "platform.fault", f.time(),
                    g -> g.writeString(fault(f)));
            case ExtensionRegistered e -> RecordWriter.one(Category.PLATFORM, "platform.extension", e.time(), g -> {
                g.writeStartObject();
                g.writeStringField("name", e.name());
                g.writeStringField("state", e.state());
                stringArrayField(g, "events", e.events());
                g.writeEndObject();
            });
            case LogLine l -> {
                Category category = Category.of(l);
                yield RecordWriter.one(category, category.wire(), l.time(), g -> g.writeString(l.text()));
            }
            case InitStart _, InitRuntimeDone _, InitReport _, InvokeTimeout _, ShutdownStart _, ShutdownReport _ ->
                    List.of();
        };
    }

    static Envelope subscribed(String extensionName, List<String> types, Instant time) {
        return RecordWriter.subscribed("platform.logsSubscription", extensionName, types, time);
    }

    static Envelope logsDropped(long droppedRecords, long droppedBytes, String reason, Instant time) {
        return RecordWriter.envelope(Category.PLATFORM, "platform.logsDropped", time, g -> {
            g.writeStartObject();
            g.writeStringField("reason", reason);
            g.writeNumberField("droppedRecords", droppedRecords);
            g.writeNumberField("droppedBytes", droppedBytes);
            g.writeEndObject();
        });
    }

    /**
     * A string record, as the docs show it; worded as AWS's rapid words a fault for the platform
     * ({@code FaultData.String()}): {@code RequestId: <id> Error: <message>}, then the error type on its own line.
     */
    private static String fault(InvokeFault f) {
        StringBuilder b = new StringBuilder("RequestId: ").append(f.requestId()).append(" Error: ").append(f.message())
                .append('\n');
        if (f.errorType() != null) {
            b.append(f.errorType()).append('\n');
        }
        return b.toString();
    }

    /** An invoke's record: {@code requestId} first, then the event's own fields. */
    private static Envelope platform(String type, Instant time, String requestId, RecordWriter.Body fields) {
        return RecordWriter.envelope(Category.PLATFORM, type, time, g -> {
            g.writeStartObject();
            g.writeStringField("requestId", requestId);
            fields.write(g);
            g.writeEndObject();
        });
    }
}
