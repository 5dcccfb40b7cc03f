package io.rapidjava.rapid.sandbox;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;

/** A runtime's {@code next} call, parked until an invoke is delivered into it; the event's bytes follow on it. */
public interface NextCall extends WriteStream<Buffer> {

    /** Starts the answer with the invoke's details; the event follows as writes. */
    void deliver(Delivery delivery);

    /** Refuses the call. */
    void refuse(RuntimeReply reply);

    /** The runtime went away, or the call was answered. */
    boolean closed();

    /** Drops the call: the runtime sees its connection reset, never part of an event taken for the whole. */
    void reset();

    /** Runs {@code then} when the runtime goes away while parked; null forgets it. */
    void onClosed(Runnable then);

    /** What the runtime is told of the invoke it gets. */
    record Delivery(String requestId, long deadlineEpochMs, String functionArn, String traceId, String clientContext,
                    String cognitoIdentity, long length) {
    }
}
