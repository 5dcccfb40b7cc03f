package io.rapidjava.telemetry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.rendering.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The platform records of a JSON log stream, {@code {"time":...,"type":"platform.start","record":{...}}}: Lambda
 * writes the Telemetry API's records there, so these are its shapes (schema 2022-12-13), until the Telemetry API's
 * own encoder serves both. The optional fields this stream has no value for (spans, tracing, instanceId,
 * instanceMaxMemory) are left out, as the schema allows.
 */
final class PlatformRecords {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private PlatformRecords() {
    }

    /** The record of a platform event, or null for an event that has none. */
    static String json(PlatformEvent event, SandboxInfo info) {
        ObjectNode r = Json.MAPPER.createObjectNode();
        String type = switch (event) {
            case PlatformEvent.InitStart s -> {
                init(r, info, s.phase());
                optional(r, "runtimeVersion", s.runtimeVersion());
                optional(r, "runtimeVersionArn", s.runtimeVersionArn());
                r.put("functionName", info.functionName()).put("functionVersion", info.functionVersion());
                yield "platform.initStart";
            }
            case PlatformEvent.InitRuntimeDone d -> {
                init(r, info, d.phase()).put("status", d.status());
                optional(r, "errorType", d.errorType());
                yield "platform.initRuntimeDone";
            }
            case PlatformEvent.InitReport rep -> {
                init(r, info, rep.phase()).put("status", rep.status());
                optional(r, "errorType", rep.errorType());
                r.putObject("metrics").put("durationMs", ms(rep.durationMs()));
                yield "platform.initReport";
            }
            case PlatformEvent.InvokeStart s -> {
                r.put("requestId", s.requestId()).put("version", s.version());
                yield "platform.start";
            }
            case PlatformEvent.InvokeRuntimeDone d -> {
                r.put("requestId", d.requestId()).put("status", d.status());
                optional(r, "errorType", d.errorType());
                r.putObject("metrics").put("durationMs", ms(d.durationMs())).put("producedBytes", d.producedBytes());
                yield "platform.runtimeDone";
            }
            case PlatformEvent.InvokeReport rep -> {
                r.put("requestId", rep.requestId()).put("status", rep.status());
                optional(r, "errorType", rep.errorType());
                ObjectNode metrics = r.putObject("metrics").put("durationMs", ms(rep.durationMs()))
                        .put("billedDurationMs", rep.billedDurationMs()).put("memorySizeMB", rep.memorySizeMb())
                        .put("maxMemoryUsedMB", rep.maxMemoryUsedMb());
                if (rep.initDurationMs() != null) {
                    metrics.put("initDurationMs", ms(rep.initDurationMs()));
                }
                yield "platform.report";
            }
            case PlatformEvent.ExtensionRegistered e -> {
                r.put("name", e.name()).put("state", e.state());
                e.events().forEach(r.putArray("events")::add);
                yield "platform.extension";
            }
            case PlatformEvent.InvokeFault f -> null;
            case PlatformEvent.InvokeTimeout t -> null;
            case PlatformEvent.ShutdownStart s -> null;
            case PlatformEvent.ShutdownReport s -> null;
            case PlatformEvent.LogLine l -> null;
        };
        return type == null ? null : envelope(event.time(), type, Json.string(r));
    }

    /** {@code {"time":...,"type":...,"record":...}}, the record already JSON; the time in milliseconds, UTC. */
    static String envelope(Instant time, String type, String recordJson) {
        return "{\"time\":\"" + TIME.format(time) + "\",\"type\":\"" + type + "\",\"record\":" + recordJson + "}";
    }

    private static ObjectNode init(ObjectNode r, SandboxInfo info, String phase) {
        return r.put("initializationType", info.initializationType()).put("phase", phase);
    }

    private static void optional(ObjectNode r, String field, String value) {
        if (value != null && !value.isEmpty()) {
            r.put(field, value);
        }
    }

    /** Durations to the microsecond the events are timed at, without a double's trailing noise. */
    private static double ms(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
