package io.rapidjava.telemetry;

import static io.rapidjava.telemetry.RecordWriter.millisField;
import static io.rapidjava.telemetry.RecordWriter.one;
import static io.rapidjava.telemetry.RecordWriter.optionalField;
import static io.rapidjava.telemetry.RecordWriter.stringArrayField;

import com.fasterxml.jackson.core.JsonGenerator;
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
import io.rapidjava.interop.TraceHeader;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * The Telemetry API's records (https://docs.aws.amazon.com/lambda/latest/dg/telemetry-schema-reference.html), the
 * same for the three schema versions: the docs name no platform attribute that depends on the version, and call
 * 2025-01-29 backward compatible. Field order follows the docs' examples and captures of real Lambda.
 */
final class TelemetryRecords {

    private static final long BYTES_PER_MB = 1024 * 1024;

    private TelemetryRecords() {
    }

    static List<Envelope> of(PlatformEvent event, SandboxInfo info, String schemaVersion) {
        return switch (event) {
            case InitStart s -> platform("platform.initStart", s.time(), g -> initStart(g, s, info));
            case InitRuntimeDone d -> platform("platform.initRuntimeDone", d.time(), g -> {
                g.writeStringField("initializationType", info.initializationType());
                g.writeStringField("phase", d.phase());
                status(g, d.status(), d.errorType());
            });
            case InitReport r -> platform("platform.initReport", r.time(), g -> {
                g.writeStringField("initializationType", info.initializationType());
                status(g, r.status(), r.errorType());
                g.writeStringField("phase", r.phase());
                g.writeObjectFieldStart("metrics");
                millisField(g, "durationMs", r.durationMs());
                g.writeEndObject();
            });
            case InvokeStart s -> platform("platform.start", s.time(), g -> {
                g.writeStringField("requestId", s.requestId());
                optionalField(g, "version", s.version());
                tracing(g, s.traceId());
            });
            case InvokeRuntimeDone d -> platform("platform.runtimeDone", d.time(), g -> runtimeDone(g, d));
            case InvokeReport r -> platform("platform.report", r.time(), g -> report(g, r));
            case ExtensionRegistered e -> platform("platform.extension", e.time(), g -> {
                g.writeStringField("name", e.name());
                g.writeStringField("state", e.state());
                stringArrayField(g, "events", e.events());
            });
            case LogLine l -> logLine(l, info.jsonLogs() && !schemaVersion.equals("2022-07-01"));
            // the fault and the timeout reach subscribers as runtimeDone's and report's status and errorType
            case InvokeFault _, InvokeTimeout _, ShutdownStart _, ShutdownReport _ -> List.of();
        };
    }

    static Envelope subscribed(String extensionName, List<String> types, Instant time) {
        return RecordWriter.subscribed("platform.telemetrySubscription", extensionName, types, time);
    }

    static Envelope logsDropped(long droppedRecords, long droppedBytes, String reason, Instant time) {
        return RecordWriter.envelope(Category.PLATFORM, "platform.logsDropped", time, g -> {
            g.writeStartObject();
            g.writeNumberField("droppedBytes", droppedBytes);
            g.writeNumberField("droppedRecords", droppedRecords);
            g.writeStringField("reason", reason);
            g.writeEndObject();
        });
    }

    /**
     * The line as a string; from schema 2022-12-13 on, a JSON object as the function wrote it when the function
     * logs in the JSON format and the line is one.
     */
    private static List<Envelope> logLine(LogLine l, boolean objects) {
        Category category = Category.of(l);
        String object = objects ? ApplicationRecord.objectText(l.text()) : null;
        return one(category, category.wire(), l.time(), g -> {
            if (object != null) {
                g.writeRawValue(object);
            } else {
                g.writeString(l.text());
            }
        });
    }

    private static void initStart(JsonGenerator g, InitStart s, SandboxInfo info) throws IOException {
        g.writeStringField("initializationType", info.initializationType());
        g.writeStringField("phase", s.phase());
        optionalField(g, "runtimeVersion", s.runtimeVersion());
        optionalField(g, "runtimeVersionArn", s.runtimeVersionArn());
        g.writeStringField("functionName", info.functionName());
        g.writeStringField("functionVersion", info.functionVersion());
        optionalField(g, "instanceId", info.instanceId());
        // in bytes, as real Lambda and both RIEs send it (the docs' example shows a bare 256)
        if (info.memorySizeMb() > 0) {
            g.writeNumberField("instanceMaxMemory", info.memorySizeMb() * BYTES_PER_MB);
        }
    }

    private static void runtimeDone(JsonGenerator g, InvokeRuntimeDone d) throws IOException {
        g.writeStringField("requestId", d.requestId());
        status(g, d.status(), d.errorType());
        tracing(g, d.traceId());
        g.writeObjectFieldStart("metrics");
        millisField(g, "durationMs", d.durationMs());
        g.writeNumberField("producedBytes", d.producedBytes());
        g.writeEndObject();
        if (d.responseDurationMs() != null) {
            spans(g, d);
        }
    }

    /**
     * The event is emitted as the answer's last byte is in, so its time ends responseDuration, which starts at the
     * first byte; responseLatency ends there and starts when the event was delivered.
     */
    private static void spans(JsonGenerator g, InvokeRuntimeDone d) throws IOException {
        Instant firstByte = d.time().minusNanos(Math.round(d.responseDurationMs() * 1_000_000));
        g.writeArrayFieldStart("spans");
        if (d.responseLatencyMs() != null) {
            span(g, "responseLatency", firstByte.minusNanos(Math.round(d.responseLatencyMs() * 1_000_000)),
                    d.responseLatencyMs());
        }
        span(g, "responseDuration", firstByte, d.responseDurationMs());
        g.writeEndArray();
    }

    private static void span(JsonGenerator g, String name, Instant start, double durationMs) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("start", RecordWriter.time(start));
        millisField(g, "durationMs", durationMs);
        g.writeEndObject();
    }

    private static void report(JsonGenerator g, InvokeReport r) throws IOException {
        g.writeStringField("requestId", r.requestId());
        g.writeObjectFieldStart("metrics");
        millisField(g, "durationMs", r.durationMs());
        g.writeNumberField("billedDurationMs", r.billedDurationMs());
        g.writeNumberField("memorySizeMB", r.memorySizeMb());
        g.writeNumberField("maxMemoryUsedMB", r.maxMemoryUsedMb());
        if (r.initDurationMs() != null) {
            millisField(g, "initDurationMs", r.initDurationMs());
        }
        g.writeEndObject();
        tracing(g, r.traceId());
        status(g, r.status(), r.errorType());
    }

    /**
     * The docs' TraceContext, for an invoke that X-Ray traces (a root, sampled), as real Lambda sends it; no
     * {@code spanId}, which names a segment of Lambda's own that the daemon does not make.
     */
    private static void tracing(JsonGenerator g, String traceId) throws IOException {
        if (TraceHeader.sampled(traceId)) {
            g.writeObjectFieldStart("tracing");
            g.writeStringField("type", "X-Amzn-Trace-Id");
            g.writeStringField("value", traceId);
            g.writeEndObject();
        }
    }

    /** The docs' Status: {@code errorType} only with {@code error} or {@code failure}, when there is one. */
    private static void status(JsonGenerator g, String status, String errorType) throws IOException {
        g.writeStringField("status", status);
        optionalField(g, "errorType", errorType);
    }

    private static List<Envelope> platform(String type, Instant time, RecordWriter.Body fields) {
        return one(Category.PLATFORM, type, time, g -> {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        });
    }
}
