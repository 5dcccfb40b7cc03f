package io.rapidjava.rapid.sandbox;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.streams.WriteStream;

/**
 * Whoever an invoke came from and is answered to, as the core sees it: the invoke front-end's HTTP exchange, a
 * control call, an embedding host. The core reads the event from it and gives it one answer: whole, or flowing as
 * the runtime sends it. Called on the sandbox's event loop.
 */
public interface Invoker {

    /** The event, paused until the core reads it. */
    ReadStream<Buffer> event();

    /** The event's length when known up front, else -1. */
    long declaredLength();

    /** Whether the invoker went away. */
    boolean gone();

    /** Runs {@code then} once when the invoker goes away. */
    void onGone(Runnable then);

    /** The whole answer. */
    void answer(Answer answer);

    /** Starts an answer that flows as the runtime sends it ({@code length} -1: of unknown length); its bytes go here. */
    WriteStream<Buffer> open(Answer head, long length);

    /** Ends a flowing answer with an error: after its error type and body when it can carry them, else cut short. */
    void failFlow(String errorType, Buffer body);

    /** The event could not be read (malformed, stalled): the exchange it came on is not to be trusted further. */
    void drop();

    /**
     * Whether a flowing answer of this invoker can still carry the log tail after its last byte (an event stream
     * can: its closing event holds it). Such an answer flows even when the invoker asked for its Tail log, and gets
     * the tail through {@link #logTail} once the invoke's REPORT is out; other answers wait whole for REPORT.
     */
    default boolean tailsFlow() {
        return false;
    }

    /** The invoke's last 4 KB of log, after its flowing answer ended or failed (see {@link #tailsFlow()}). */
    default void logTail(byte[] tail) {
        throw new UnsupportedOperationException("this invoker's answers do not carry a log tail after they flowed");
    }
}
