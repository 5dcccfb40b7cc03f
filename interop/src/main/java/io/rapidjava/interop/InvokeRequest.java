package io.rapidjava.interop;

import java.util.Objects;

/**
 * One invoke as a front-end hands it to the sandbox. {@code traceId}, {@code clientContext} (decoded JSON text) and
 * {@code cognitoIdentity} are passed to the runtime as they are; null when absent. {@code qualifier} is null for
 * {@code $LATEST}.
 */
public record InvokeRequest(
        String requestId,
        InvocationType type,
        boolean tailLogs,
        String traceId,
        String clientContext,
        String cognitoIdentity,
        String functionName,
        String qualifier,
        Payload payload) {

    public InvokeRequest {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(payload, "payload");
    }

    /** A {@code RequestResponse} invoke of {@code payload} with a fresh request id and trace id. */
    public static InvokeRequest of(Payload payload) {
        return new InvokeRequest(java.util.UUID.randomUUID().toString(), InvocationType.REQUEST_RESPONSE, false,
                null, null, null, null, null, payload);
    }

    public static InvokeRequest of(String json) {
        return of(Payload.of(json));
    }

    public InvokeRequest withTailLogs() {
        return new InvokeRequest(requestId, type, true, traceId, clientContext, cognitoIdentity, functionName,
                qualifier, payload);
    }

    public InvokeRequest withType(InvocationType t) {
        return new InvokeRequest(requestId, t, tailLogs, traceId, clientContext, cognitoIdentity, functionName,
                qualifier, payload);
    }

    public InvokeRequest withClientContext(String json) {
        return new InvokeRequest(requestId, type, tailLogs, traceId, json, cognitoIdentity, functionName, qualifier,
                payload);
    }
}
