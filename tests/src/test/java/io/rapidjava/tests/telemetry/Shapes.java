package io.rapidjava.tests.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Json;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Assertions on the shape of Telemetry API records (AWS's telemetry schema reference). */
final class Shapes {

    static final String ON_DEMAND = "on-demand";

    private Shapes() {
    }

    /** {@code {"time":"...Z","type":...,"record":...}} and nothing else. */
    static void envelope(Received.Event e) {
        assertEquals(Set.of("time", "type", "record"), Json.fieldNames(e.envelope()), () -> "fields of " + e);
        assertTrue(e.time() != null && Tel.TIME.matcher(e.time()).matches(), () -> "time of " + e);
    }

    /** The platform events of a stream in the order of their times (log lines are timed by their own threads). */
    static void inTimeOrder(Received r) {
        List<Received.Event> platform = r.events().stream().filter(e -> e.type().startsWith("platform.")).toList();
        for (int i = 1; i < platform.size(); i++) {
            Received.Event before = platform.get(i - 1);
            Received.Event after = platform.get(i);
            assertFalse(Instant.parse(after.time()).isBefore(Instant.parse(before.time())),
                    () -> "out of time order: " + before + " then " + after);
        }
    }

    /**
     * Every event once, platform events in time order, and each invoke of a {@link Tel#lineRuntime}'s start,
     * runtimeDone and report in that order, with its line.
     */
    static void eachInvokeOnceInOrder(Received r, List<String> requestIds) {
        Set<String> distinct = new HashSet<>();
        r.events().forEach(e -> assertTrue(distinct.add(e.envelope().toString()), () -> "received twice: " + e));
        inTimeOrder(r);
        for (String id : requestIds) {
            assertEquals(List.of("platform.start", "platform.runtimeDone", "platform.report"),
                    r.ofRequest(id).stream().map(Received.Event::type).toList(), () -> "the events of " + id);
            r.line("function", "line of " + id).orElseThrow(() -> new AssertionError("the line of " + id));
        }
    }

    static void initStart(Received.Event e, String phase) {
        JsonNode r = e.record();
        assertEquals(ON_DEMAND, r.path("initializationType").asText(null), () -> "initializationType of " + e);
        assertEquals(phase, r.path("phase").asText(null), () -> "phase of " + e);
        if (r.has("functionName")) {
            assertEquals("test_function", r.path("functionName").asText(), () -> "functionName of " + e);
        }
        if (r.has("functionVersion")) {
            assertEquals("$LATEST", r.path("functionVersion").asText(), () -> "functionVersion of " + e);
        }
    }

    static void initRuntimeDone(Received.Event e, String phase, String status) {
        JsonNode r = e.record();
        assertEquals(ON_DEMAND, r.path("initializationType").asText(null), () -> "initializationType of " + e);
        assertEquals(phase, r.path("phase").asText(null), () -> "phase of " + e);
        assertEquals(status, r.path("status").asText(null), () -> "status of " + e);
        if (status.equals("success")) {
            assertFalse(r.has("errorType"), () -> "no errorType on success: " + e);
        }
    }

    static void initReport(Received.Event e, String phase) {
        JsonNode r = e.record();
        assertEquals(ON_DEMAND, r.path("initializationType").asText(null), () -> "initializationType of " + e);
        assertEquals(phase, r.path("phase").asText(null), () -> "phase of " + e);
        assertTrue(r.path("metrics").path("durationMs").isNumber(), () -> "metrics.durationMs of " + e);
        assertTrue(r.path("metrics").path("durationMs").asDouble() > 0, () -> "metrics.durationMs of " + e);
        if (r.has("status")) {
            assertEquals("success", r.path("status").asText(), () -> "status of " + e);
        }
    }

    static void start(Received.Event e, String requestId) {
        assertEquals(requestId, e.requestId(), () -> "requestId of " + e);
        assertEquals("$LATEST", e.record().path("version").asText(null), () -> "version of " + e);
    }

    /** {@code status}, {@code errorType} (null: none) and {@code metrics.durationMs}. */
    static void runtimeDone(Received.Event e, String requestId, String status, String errorType) {
        JsonNode r = e.record();
        outcome(e, requestId, status, errorType);
        assertTrue(r.path("metrics").path("durationMs").isNumber(), () -> "metrics.durationMs of " + e);
        assertTrue(r.path("metrics").path("durationMs").asDouble() >= 0, () -> "metrics.durationMs of " + e);
    }

    /** A runtime that answered: {@code producedBytes} of answer and the two response spans. */
    static void answered(Received.Event runtimeDone, long producedBytes) {
        JsonNode r = runtimeDone.record();
        assertEquals(producedBytes, r.path("metrics").path("producedBytes").asLong(-1),
                () -> "metrics.producedBytes of " + runtimeDone);
        spans(runtimeDone);
    }

    static void spans(Received.Event runtimeDone) {
        JsonNode spans = runtimeDone.record().path("spans");
        assertTrue(spans.isArray(), () -> "spans of " + runtimeDone);
        assertEquals(List.of("responseLatency", "responseDuration"),
                spans.valueStream().map(s -> s.path("name").asText()).toList(), () -> "span names of " + runtimeDone);
        for (JsonNode s : spans) {
            assertTrue(Tel.TIME.matcher(s.path("start").asText("")).matches(), () -> "span start of " + runtimeDone);
            assertTrue(s.path("durationMs").isNumber() && s.path("durationMs").asDouble() >= 0,
                    () -> "span durationMs of " + runtimeDone);
        }
    }

    /**
     * {@code status}, {@code errorType} (null: none) and the metrics: durationMs, billedDurationMs (whole ms of it, at
     * least 1), memorySizeMB 3008, maxMemoryUsedMB, and initDurationMs only when {@code afterStartUpInit}.
     */
    static void report(Received.Event e, String requestId, String status, String errorType, boolean afterStartUpInit) {
        outcome(e, requestId, status, errorType);
        JsonNode m = e.record().path("metrics");
        assertTrue(m.path("durationMs").isNumber() && m.path("durationMs").asDouble() > 0,
                () -> "metrics.durationMs of " + e);
        double duration = m.path("durationMs").asDouble();
        assertTrue(m.path("billedDurationMs").isIntegralNumber(), () -> "metrics.billedDurationMs of " + e);
        long billed = m.path("billedDurationMs").asLong();
        assertTrue(billed >= Math.max(1, (long) Math.floor(duration)) && billed <= Math.ceil(duration) + 1,
                () -> "billedDurationMs " + billed + " for durationMs " + duration + ": " + e);
        assertEquals(3008, m.path("memorySizeMB").asInt(-1), () -> "metrics.memorySizeMB of " + e);
        assertTrue(m.path("maxMemoryUsedMB").isIntegralNumber() && m.path("maxMemoryUsedMB").asLong() >= 1,
                () -> "metrics.maxMemoryUsedMB of " + e);
        if (afterStartUpInit) {
            assertTrue(m.path("initDurationMs").isNumber() && m.path("initDurationMs").asDouble() > 0,
                    () -> "metrics.initDurationMs on the first invoke after the start-up init: " + e);
        } else {
            assertFalse(m.has("initDurationMs"), () -> "no metrics.initDurationMs on a later invoke: " + e);
        }
    }

    /** The request id, {@code status} and {@code errorType} (null: none) of a runtimeDone or report. */
    static void outcome(Received.Event e, String requestId, String status, String errorType) {
        assertEquals(requestId, e.requestId(), () -> "requestId of " + e);
        assertEquals(status, e.record().path("status").asText(null), () -> "status of " + e);
        if (errorType == null) {
            assertFalse(e.record().has("errorType"), () -> "no errorType expected: " + e);
        } else {
            assertEquals(errorType, e.record().path("errorType").asText(null), () -> "errorType of " + e);
        }
    }

    /** {@code platform.telemetrySubscription} or the Logs API's {@code platform.logsSubscription}. */
    static void subscription(Received.Event e, String name, Set<String> types) {
        JsonNode r = e.record();
        assertEquals(name, r.path("name").asText(null), () -> "name of " + e);
        assertEquals("Subscribed", r.path("state").asText(null), () -> "state of " + e);
        assertEquals(types, Set.copyOf(r.path("types").valueStream().map(JsonNode::asText).toList()),
                () -> "types of " + e);
    }

    /** {@code platform.extension}: the name, a state, and the events it registered for. */
    static void extension(Received.Event e, String name) {
        JsonNode r = e.record();
        assertEquals(name, r.path("name").asText(null), () -> "name of " + e);
        assertFalse(r.path("state").asText("").isEmpty(), () -> "state of " + e);
        assertEquals(List.of("INVOKE", "SHUTDOWN"), r.path("events").valueStream().map(JsonNode::asText).sorted()
                .toList(), () -> "events of " + e);
    }
}
