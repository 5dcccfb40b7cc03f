package io.rapidjava.rapid.control;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.SandboxStatus;
import io.rapidjava.interop.ShutdownSummary;
import java.util.List;

/**
 * The control API's answers as they go on the wire: records of their own, so the JSON stays what the README says
 * when the core's types change.
 */
final class Views {

    private Views() {
    }

    /** {@code GET /health}: {@code ok}, or {@code unavailable} with the reason. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Health(String status, String reason) {
        static Health of(String unavailable) {
            return unavailable == null ? new Health("ok", null) : new Health("unavailable", unavailable);
        }
    }

    /** {@code GET /state}: {@link SandboxStatus}, with the last error's time in ISO-8601. */
    record State(String state, int generation, String runtimeState, List<Extension> extensions, List<String> inFlight,
                 int queued, Double initDurationMs, FatalError lastError, Counters counters) {

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
    }

    record Extension(String name, String kind, String state, List<String> events) {
    }

    record FatalError(String errorType, String message, String time) {
    }

    record Counters(long invokes, long functionErrors, long timeouts, long refused, long inits, long initFailures) {
    }

    /** {@code POST /init}: the init's report. */
    record Init(String phase, String status, double durationMs, String errorType) {
        static Init of(PlatformEvent.InitReport r) {
            return new Init(r.phase(), r.status(), r.durationMs(), r.errorType());
        }
    }

    /** {@code POST /reset} and {@code POST /shutdown}: how the generation ended. */
    record Summary(String reason, double durationMs, List<Process> processes) {

        /** A shutdown with nothing launched: a deferred daemon that was never bound. */
        static Summary of(ShutdownSummary s) {
            return new Summary(s.reason(), s.durationMs(), s.processes().stream().map(Process::of).toList());
        }
    }

    /** {@code code} only for a process that exited, {@code signal} only for one a signal ended. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Process(String name, String role, long pid, String how, Integer code, Integer signal) {
        static Process of(ShutdownSummary.ProcessEnd p) {
            boolean exited = p.how().equals("exited");
            boolean signalled = p.how().equals("signalled") || p.how().equals("killed");
            return new Process(p.name(), p.role(), p.pid(), p.how(), exited ? p.code() : null,
                    signalled ? p.signal() : null);
        }
    }
}
