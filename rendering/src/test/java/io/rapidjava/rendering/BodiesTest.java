package io.rapidjava.rendering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.ExitStatus;
import io.rapidjava.fatalerror.Fault;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Spec §1.1 standard bodies, byte for byte. */
class BodiesTest {

    private static void assertBody(String expected, byte[] actual) {
        assertEquals(expected, new String(actual, StandardCharsets.UTF_8));
        assertArrayEquals(expected.getBytes(StandardCharsets.UTF_8), actual);
    }

    @Test
    void accepted() {
        assertBody("{\"status\":\"OK\"}\n", Bodies.ACCEPTED);
    }

    @Test
    void invalidRequestId() {
        assertBody("{\"errorMessage\":\"Invalid request ID\",\"errorType\":\"InvalidRequestID\"}\n",
                Bodies.INVALID_REQUEST_ID);
    }

    @Test
    void internalServerError() {
        assertBody("{\"errorMessage\":\"Internal Server Error\",\"errorType\":\"InternalServerError\"}\n",
                Bodies.INTERNAL_SERVER_ERROR);
    }

    @Test
    void truncated() {
        assertBody("{\"errorMessage\":\"HTTP request detected as truncated\",\"errorType\":\"TruncatedHTTPRequest\"}\n",
                Bodies.TRUNCATED);
    }

    @Test
    void invalidResponseMode() {
        assertBody("{\"errorMessage\":\"Invalid function response mode\","
                + "\"errorType\":\"InvalidFunctionResponseMode\"}\n", Bodies.INVALID_RESPONSE_MODE);
    }

    @Test
    void tooLarge() {
        assertBody("{\"errorMessage\":\"Exceeded maximum allowed payload size (6291556 bytes).\","
                + "\"errorType\":\"RequestEntityTooLarge\"}\n", Bodies.tooLarge(6291556));
    }

    @Test
    void invalidRuntimeTransition() {
        assertBody("{\"errorMessage\":\"State transition from Running to InitError failed for runtime. "
                        + "Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}\n",
                Bodies.invalidRuntimeTransition("Running", "InitError"));
    }

    @Test
    void invokeFaultWithRequestId() {
        assertBody("{\"errorMessage\":\"RequestId: abc Error: Runtime exited with error: exit status 1\","
                        + "\"errorType\":\"Runtime.ExitError\"}\n",
                Bodies.invokeFault(Fault.of(ErrorType.RUNTIME_EXIT_ERROR, "Runtime exited with error: exit status 1"),
                        "abc"));
    }

    @Test
    void invokeFaultWithoutRequestId() {
        assertBody("{\"errorMessage\":\"Error: Runtime exited with error: signal: killed\","
                        + "\"errorType\":\"Runtime.ExitError\"}\n",
                Bodies.invokeFault(Fault.runtimeExit(ExitStatus.killedBy(9)), null));
    }

    @Test
    void notFoundIsPlainText() {
        assertBody("404 page not found\n", Bodies.NOT_FOUND);
    }

    @Test
    void statusRecordRendersLikeAccepted() {
        assertBody("{\"status\":\"OK\"}\n", Json.body(new Bodies.Status("OK")));
    }
}
