package io.rapidjava.rendering;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** The Extensions API's bodies: the register answer and the INVOKE and SHUTDOWN events (spec §1.6, §3.2, §3.5). */
public final class Events {

    private Events() {
    }

    /** Fields without a value are left out. */
    public record Registered(String functionName, String functionVersion, String handler, String accountId)
            implements Json.Writable {
        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.optionalField(g, "functionName", functionName);
            Json.optionalField(g, "functionVersion", functionVersion);
            Json.optionalField(g, "handler", handler);
            Json.optionalField(g, "accountId", accountId);
            g.writeEndObject();
        }
    }

    public record Tracing(String type, String value) implements Json.Writable {
        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.field(g, "type", type);
            Json.field(g, "value", value);
            g.writeEndObject();
        }
    }

    /** Fields without a value are left out. */
    public record InvokeEvent(String eventType, long deadlineMs, String requestId, String invokedFunctionArn,
                              Tracing tracing) implements Json.Writable {
        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.optionalField(g, "eventType", eventType);
            g.writeNumberField("deadlineMs", deadlineMs);
            Json.optionalField(g, "requestId", requestId);
            Json.optionalField(g, "invokedFunctionArn", invokedFunctionArn);
            Json.optionalField(g, "tracing", tracing);
            g.writeEndObject();
        }
    }

    public record ShutdownEvent(String eventType, long deadlineMs, String shutdownReason) implements Json.Writable {
        @Override
        public void writeTo(JsonGenerator g) throws IOException {
            g.writeStartObject();
            Json.field(g, "eventType", eventType);
            g.writeNumberField("deadlineMs", deadlineMs);
            Json.field(g, "shutdownReason", shutdownReason);
            g.writeEndObject();
        }
    }

    public static byte[] registered(String functionName, String functionVersion, String handler, String accountId) {
        return Json.body(new Registered(functionName, functionVersion, handler, accountId));
    }

    public static byte[] invoke(long deadlineMs, String requestId, String functionArn, String traceId) {
        Tracing tracing = traceId == null || traceId.isEmpty() ? null : new Tracing("X-Amzn-Trace-Id", traceId);
        return Json.body(new InvokeEvent("INVOKE", deadlineMs, requestId, functionArn, tracing));
    }

    public static byte[] shutdown(long deadlineMs, String reason) {
        return Json.body(new ShutdownEvent("SHUTDOWN", deadlineMs, reason));
    }
}
