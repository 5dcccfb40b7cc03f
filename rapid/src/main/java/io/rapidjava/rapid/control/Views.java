package io.rapidjava.rapid.control;

import com.fasterxml.jackson.core.JsonGenerator;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.SandboxStatus;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.rendering.Json;
import java.io.IOException;
import java.util.List;

/**
 * The control API's answers as they go on the wire: records of their own, so the JSON stays what the README says
 * when the core's types change. Each writes its fields in order, nulls as {@code null} unless it says otherwise.
 */
final class Views {

    private Views() {
    }

    /** {@code GET /health}: {@code ok}, or {@code unavailable} with the reason (left out when null). */
    record Health(String status, String reason) implements Json.Writable {
        static Health of(String unavailable) {
            return unavailable == null ? new Health("ok", null) : new Health("unavailable", unavailable);
        }

        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.optionalField(g, "status", status);
            Json.optionalField(g, "reason", reason);
            g.writeEndObject();
        }
    }

    /** {@code GET /state}: {@link SandboxStatus}, with the last error's time in ISO-8601. */
    record State(String state, int generation, String runtimeState, List<Extension> extensions, List<String> inFlight,
                 int queued, Double initDurationMs, FatalError lastError, Counters counters) implements Json.Writable {

        /** A deferred daemon before its init: nothing launched, nothing counted. */
        static final State UNINITIALIZED = new State("UNINITIALIZED", 0, null, List.of(), List.of(), 0, null, null,
                new Counters(0, 0, 0, 0, 0, 0));

        static State of(SandboxStatus s) {
            SandboxStatus.FatalError e = s.lastError();
            SandboxStatus.Counters c = s.counters();
            return new State(s.state(), s.generation(), s.runtimeState(),
                    s.extensions().stream().map(x -> new Extension(x.name(), x.kind(), x.state(), x.events())).toList(),
                    s.inFlight(), s.queued(), s.initDurationMs(),
                    e == null ? null : new FatalError(e.errorType(), e.message(), e.time() == null ? null
                            : e.time().toString()),
                    c == null ? UNINITIALIZED.counters() : new Counters(c.invokes(), c.functionErrors(), c.timeouts(),
                            c.refused(), c.inits(), c.initFailures()));
        }

        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.field(g, "state", state);
            g.writeNumberField("generation", generation);
            Json.field(g, "runtimeState", runtimeState);
            Json.field(g, "extensions", extensions);
            Json.field(g, "inFlight", inFlight);
            g.writeNumberField("queued", queued);
            Json.field(g, "initDurationMs", initDurationMs);
            Json.field(g, "lastError", lastError);
            Json.field(g, "counters", counters);
            g.writeEndObject();
        }
    }

    record Extension(String name, String kind, String state, List<String> events) implements Json.Writable {
        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.field(g, "name", name);
            Json.field(g, "kind", kind);
            Json.field(g, "state", state);
            Json.field(g, "events", events);
            g.writeEndObject();
        }
    }

    record FatalError(String errorType, String message, String time) implements Json.Writable {
        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.field(g, "errorType", errorType);
            Json.field(g, "message", message);
            Json.field(g, "time", time);
            g.writeEndObject();
        }
    }

    record Counters(long invokes, long functionErrors, long timeouts, long refused, long inits, long initFailures)
            implements Json.Writable {
        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeNumberField("invokes", invokes);
            g.writeNumberField("functionErrors", functionErrors);
            g.writeNumberField("timeouts", timeouts);
            g.writeNumberField("refused", refused);
            g.writeNumberField("inits", inits);
            g.writeNumberField("initFailures", initFailures);
            g.writeEndObject();
        }
    }

    /** {@code POST /init}: the init's report. */
    record Init(String phase, String status, double durationMs, String errorType) implements Json.Writable {
        static Init of(PlatformEvent.InitReport r) {
            return new Init(r.phase(), r.status(), r.durationMs(), r.errorType());
        }

        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.field(g, "phase", phase);
            Json.field(g, "status", status);
            g.writeNumberField("durationMs", durationMs);
            Json.field(g, "errorType", errorType);
            g.writeEndObject();
        }
    }

    /** {@code POST /reset} and {@code POST /shutdown}: how the generation ended. */
    record Summary(String reason, double durationMs, List<Process> processes) implements Json.Writable {

        /** A shutdown with nothing launched: a deferred daemon that was never bound. */
        static Summary of(ShutdownSummary s) {
            return new Summary(s.reason(), s.durationMs(), s.processes().stream().map(Process::of).toList());
        }

        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.field(g, "reason", reason);
            g.writeNumberField("durationMs", durationMs);
            Json.field(g, "processes", processes);
            g.writeEndObject();
        }
    }

    /** {@code code} only for a process that exited, {@code signal} only for one a signal ended; nulls left out. */
    record Process(String name, String role, long pid, String how, Integer code, Integer signal)
            implements Json.Writable {
        static Process of(ShutdownSummary.ProcessEnd p) {
            boolean exited = p.how().equals("exited");
            boolean signalled = p.how().equals("signalled") || p.how().equals("killed");
            return new Process(p.name(), p.role(), p.pid(), p.how(), exited ? p.code() : null,
                    signalled ? p.signal() : null);
        }

        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.optionalField(g, "name", name);
            Json.optionalField(g, "role", role);
            g.writeNumberField("pid", pid);
            Json.optionalField(g, "how", how);
            Json.optionalField(g, "code", code);
            Json.optionalField(g, "signal", signal);
            g.writeEndObject();
        }
    }
}
