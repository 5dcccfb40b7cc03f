package io.rapidjava.extensions;

/** Where an extension's parked {@code event/next} gets its event: the adapter's answer, whatever carries it. */
public interface EventSink {

    /** Answers with one event (a JSON body). */
    void send(byte[] event);

    /** The caller went away (its connection closed) or was answered already. */
    boolean closed();

    /** Drops the call, as a killed sandbox would: the caller sees its connection reset. */
    void reset();
}
