package io.rapidjava.rapid.sandbox;

import io.rapidjava.interop.InvocationType;

/** What a front-end says of an invoke besides its event; {@code traceId} is generated when absent. */
public record Invocation(String requestId, InvocationType type, boolean tailLogs, String traceId,
                         String clientContext, String cognitoIdentity) {
}
