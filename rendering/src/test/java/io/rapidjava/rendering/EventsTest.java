package io.rapidjava.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Byte-exact Extensions API bodies: field order as Lambda sends them, trailing newline. */
class EventsTest {

    private static String text(byte[] body) {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void registerAnswerWithoutAndWithAccountId() {
        assertEquals("{\"functionName\":\"fn\",\"functionVersion\":\"$LATEST\",\"handler\":\"h.x\"}\n",
                text(Events.registered("fn", "$LATEST", "h.x", null)));
        assertEquals("{\"functionName\":\"fn\",\"functionVersion\":\"1\",\"handler\":\"\",\"accountId\":\"012345678912\"}\n",
                text(Events.registered("fn", "1", "", "012345678912")));
    }

    @Test
    void invokeEvent() {
        assertEquals("{\"eventType\":\"INVOKE\",\"deadlineMs\":1700000000123,\"requestId\":\"r-1\","
                        + "\"invokedFunctionArn\":\"arn:aws:lambda:us-east-1:012345678912:function:fn\","
                        + "\"tracing\":{\"type\":\"X-Amzn-Trace-Id\",\"value\":\"Root=1-2-3\"}}\n",
                text(Events.invoke(1700000000123L, "r-1", "arn:aws:lambda:us-east-1:012345678912:function:fn",
                        "Root=1-2-3")));
    }

    @Test
    void invokeEventWithoutTraceOmitsTracing() {
        assertEquals("{\"eventType\":\"INVOKE\",\"deadlineMs\":5,\"requestId\":\"r\",\"invokedFunctionArn\":\"a\"}\n",
                text(Events.invoke(5, "r", "a", null)));
    }

    @Test
    void shutdownEvent() {
        assertEquals("{\"eventType\":\"SHUTDOWN\",\"deadlineMs\":1700000002000,\"shutdownReason\":\"spindown\"}\n",
                text(Events.shutdown(1700000002000L, "spindown")));
    }
}
