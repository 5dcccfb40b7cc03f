package io.rapidjava.rapid.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.rendering.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The control API's answers byte for byte: field order, which nulls are written and which left out, doubles. */
class ViewsJsonTest {

    private static String json(Object view) {
        return new String(Json.body(view), StandardCharsets.UTF_8);
    }

    @Test
    void healthLeavesANullReasonOut() {
        assertEquals("{\"status\":\"ok\"}\n", json(Views.Health.of(null)));
        assertEquals("{\"status\":\"unavailable\",\"reason\":\"\\u003cdraining\\u003e \\u2028\"}\n",
                json(Views.Health.of("<draining> \u2028")));
    }

    @Test
    void stateWritesEveryFieldNullsIncluded() {
        assertEquals("{\"state\":\"UNINITIALIZED\",\"generation\":0,\"runtimeState\":null,\"extensions\":[],"
                + "\"inFlight\":[],\"queued\":0,\"initDurationMs\":null,\"lastError\":null,\"counters\":{\"invokes\":0,"
                + "\"functionErrors\":0,\"timeouts\":0,\"refused\":0,\"inits\":0,\"initFailures\":0}}\n",
                json(Views.State.UNINITIALIZED));
        assertEquals("{\"state\":\"READY\",\"generation\":3,\"runtimeState\":\"Ready\",\"extensions\":[{\"name\":\"e\","
                + "\"kind\":\"external\",\"state\":null,\"events\":[\"INVOKE\",\"SHUTDOWN\"]}],\"inFlight\":[\"r-1\"],"
                + "\"queued\":2,\"initDurationMs\":1.0E7,\"lastError\":{\"errorType\":\"Runtime.X\",\"message\":null,"
                + "\"time\":\"2024-01-01T00:00:00Z\"},\"counters\":{\"invokes\":1,\"functionErrors\":2,\"timeouts\":3,"
                + "\"refused\":4,\"inits\":5,\"initFailures\":9223372036854775807}}\n",
                json(new Views.State("READY", 3, "Ready", List.of(new Views.Extension("e", "external", null,
                        List.of("INVOKE", "SHUTDOWN"))), List.of("r-1"), 2, 1e7,
                        new Views.FatalError("Runtime.X", null, "2024-01-01T00:00:00Z"),
                        new Views.Counters(1, 2, 3, 4, 5, Long.MAX_VALUE))));
    }

    @Test
    void initWritesANullErrorTypeAndDurationsAsJavaDoubles() {
        assertEquals("{\"phase\":\"init\",\"status\":\"success\",\"durationMs\":123.456,\"errorType\":null}\n",
                json(new Views.Init("init", "success", 123.456, null)));
        assertEquals("{\"phase\":\"init\",\"status\":\"error\",\"durationMs\":0.0,\"errorType\":\"Runtime.ExitError\"}\n",
                json(new Views.Init("init", "error", 0, "Runtime.ExitError")));
        assertEquals("{\"phase\":null,\"status\":null,\"durationMs\":1.0E-4,\"errorType\":null}\n",
                json(new Views.Init(null, null, 1e-4, null)));
        assertEquals("{\"phase\":null,\"status\":null,\"durationMs\":\"NaN\",\"errorType\":null}\n",
                json(new Views.Init(null, null, Double.NaN, null)));
    }

    @Test
    void summaryWritesCodeOrSignalOnlyWhenSet() {
        assertEquals("{\"reason\":\"spindown\",\"durationMs\":12.5,\"processes\":[{\"name\":\"bootstrap\","
                + "\"role\":\"runtime\",\"pid\":7,\"how\":\"exited\",\"code\":1},{\"name\":\"ext\",\"role\":\"extension\","
                + "\"pid\":8,\"how\":\"killed\",\"signal\":9},{\"pid\":-1}]}\n",
                json(new Views.Summary("spindown", 12.5, List.of(
                        new Views.Process("bootstrap", "runtime", 7, "exited", 1, null),
                        new Views.Process("ext", "extension", 8, "killed", null, 9),
                        new Views.Process(null, null, -1, null, null, null)))));
        assertEquals("{\"reason\":null,\"durationMs\":1.23456789E7,\"processes\":[]}\n",
                json(new Views.Summary(null, 12345678.9, List.of())));
    }
}
