package io.rapidjava.rapid.sandbox;

/** A runtime's {@code GET /runtime/restore/next}, parked at the snapshot point until the platform restores it. */
public interface RestoreNextCall {

    /** The restore: the call is answered ({@code 200}, no body) and the runtime runs its after-restore hooks. */
    void release();

    /** Refuses the call. */
    void refuse(RuntimeReply reply);

    /** The runtime went away, or the call was answered. */
    boolean closed();
}
