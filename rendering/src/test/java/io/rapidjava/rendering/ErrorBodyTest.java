package io.rapidjava.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorBodyTest {

    @Test
    void fieldOrderIsMessageThenType() {
        assertEquals("{\"errorMessage\":\"m\",\"errorType\":\"T\"}\n",
                new String(new ErrorBody("m", "T").bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void fieldOrderHoldsForJsonString() {
        assertEquals("{\"errorMessage\":\"m\",\"errorType\":\"T\"}", Json.string(new ErrorBody("m", "T")));
    }

    @Test
    void messagesAreEscaped() {
        assertEquals("{\"errorMessage\":\"a \\u003c b \\\"q\\\"\\n\",\"errorType\":\"Function.X\"}\n",
                new String(new ErrorBody("a < b \"q\"\n", "Function.X").bytes(), StandardCharsets.UTF_8));
    }
}
