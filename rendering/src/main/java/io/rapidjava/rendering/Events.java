package io.rapidjava.rendering;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The Extensions API's bodies: the register answer and the INVOKE and SHUTDOWN events (spec §1.6, §3.2, §3.5). */
public final class Events {

    private Events() {
    }

    @JsonPropertyOrder({"functionName", "functionVersion", "handler", "accountId"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Registered(String functionName, String functionVersion, String handler, String accountId) {
    }

    public record Tracing(String type, String value) {
    }

    @JsonPropertyOrder({"eventType", "deadlineMs", "requestId", "invokedFunctionArn", "tracing"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record InvokeEvent(String eventType, long deadlineMs, String requestId, String invokedFunctionArn,
                              Tracing tracing) {
    }

    @JsonPropertyOrder({"eventType", "deadlineMs", "shutdownReason"})
    public record ShutdownEvent(String eventType, long deadlineMs, String shutdownReason) {
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
