package io.rapidjava.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The exact bytes of each wire record of this module, null fields and awkward text included: what the bodies were
 * when data binding wrote them, so a writer of their own cannot drift from it.
 */
class WireRecordsTest {

    /** Every escape class at once: Go's HTML and separator escapes, controls, raw UTF-8 (BMP and beyond), a lone surrogate. */
    private static final String AWKWARD = "<a&b> q\"\\/ \u0000\u001f\u007f \t\n \u2028\u2029 é日本 \uD83D\uDE00 \uD83D";
    private static final String AWKWARD_JSON =
            "\\u003ca\\u0026b\\u003e q\\\"\\\\/ \\u0000\\u001f\u007f \\t\\n \\u2028\\u2029 é日本 \uD83D\uDE00 ?";

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void errorBodyWritesNullFieldsAsNull() {
        assertEquals("{\"errorMessage\":null,\"errorType\":null}\n", text(new ErrorBody(null, null).bytes()));
        assertEquals("{\"errorMessage\":\"" + AWKWARD_JSON + "\",\"errorType\":\"T\"}\n",
                text(new ErrorBody(AWKWARD, "T").bytes()));
    }

    @Test
    void registeredLeavesNullFieldsOut() {
        assertEquals("{}\n", text(Events.registered(null, null, null, null)));
        assertEquals("{\"handler\":\"" + AWKWARD_JSON + "\"}\n", text(Events.registered(null, null, AWKWARD, null)));
    }

    @Test
    void invokeEventLeavesNullFieldsAndAnEmptyTraceOut() {
        assertEquals("{\"eventType\":\"INVOKE\",\"deadlineMs\":0}\n", text(Events.invoke(0, null, null, null)));
        assertEquals("{\"eventType\":\"INVOKE\",\"deadlineMs\":-1}\n", text(Events.invoke(-1, null, null, "")));
        assertEquals("{\"eventType\":\"INVOKE\",\"deadlineMs\":9223372036854775807,\"requestId\":\"" + AWKWARD_JSON
                        + "\",\"tracing\":{\"type\":\"X-Amzn-Trace-Id\",\"value\":\"" + AWKWARD_JSON + "\"}}\n",
                text(Events.invoke(Long.MAX_VALUE, AWKWARD, null, AWKWARD)));
    }

    @Test
    void shutdownEventWritesANullReasonAsNull() {
        assertEquals("{\"eventType\":\"SHUTDOWN\",\"deadlineMs\":0,\"shutdownReason\":null}\n",
                text(Events.shutdown(0, null)));
        assertEquals("{\"eventType\":\"SHUTDOWN\",\"deadlineMs\":-5,\"shutdownReason\":\"" + AWKWARD_JSON + "\"}\n",
                text(Events.shutdown(-5, AWKWARD)));
    }

    @Test
    void statusWritesANullAsNull() {
        assertEquals("{\"status\":null}\n", text(Json.body(new Bodies.Status(null))));
    }

    @Test
    void mapsListsAndNumbers() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("null", null);
        m.put("half", 1.5);
        m.put("whole", 100.0);
        m.put("large", 1e21);
        m.put("small", 1e-7);
        m.put("nan", Double.NaN);
        m.put("infinite", Double.NEGATIVE_INFINITY);
        m.put("negativeZero", -0.0);
        m.put("long", Long.MIN_VALUE);
        m.put("big", new BigInteger("123456789012345678901234567890"));
        m.put("list", List.of(true, false, "s", 1));
        assertEquals("{\"null\":null,\"half\":1.5,\"whole\":100.0,\"large\":1.0E21,\"small\":1.0E-7,\"nan\":\"NaN\","
                + "\"infinite\":\"-Infinity\",\"negativeZero\":-0.0,\"long\":-9223372036854775808,"
                + "\"big\":123456789012345678901234567890,\"list\":[true,false,\"s\",1]}\n", text(Json.body(m)));
    }
}
