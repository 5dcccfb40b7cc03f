package io.rapidjava.rapid.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The InvokeComplete payload byte for byte: fields left out when null, Go's escapes. */
class InvokeCompleteBytesTest {

    private static String payload(String errorCode, String errorDetails, byte[] logTail) {
        byte[] message = EventStream.invokeComplete(errorCode, errorDetails, logTail).getBytes();
        int headers = ((message[4] & 0xff) << 24) | ((message[5] & 0xff) << 16) | ((message[6] & 0xff) << 8)
                | (message[7] & 0xff);
        int start = 12 + headers;
        return new String(message, start, message.length - 4 - start, StandardCharsets.UTF_8);
    }

    @Test
    void aSuccessIsAnEmptyObject() {
        assertEquals("{}", payload(null, null, null));
    }

    @Test
    void aFailureInOrderAndEscaped() {
        assertEquals("{\"ErrorCode\":\"Function.\\u003cX\\u003e\",\"ErrorDetails\":\"{\\\"errorMessage\\\":"
                + "\\\"\\u0026 \\u2029 é\uD83D\uDE00\\\"}\",\"LogResult\":\"dGFpbA==\"}",
                payload("Function.<X>", "{\"errorMessage\":\"& \u2029 é\uD83D\uDE00\"}",
                        "tail".getBytes(StandardCharsets.UTF_8)));
        assertEquals("{\"LogResult\":\"\"}", payload(null, null, new byte[0]));
    }
}
