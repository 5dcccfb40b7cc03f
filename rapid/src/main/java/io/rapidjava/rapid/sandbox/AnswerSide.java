package io.rapidjava.rapid.sandbox;

/**
 * The runtime's side of one invoke's answer, as the relays of its response or error see it: the runtime's state
 * machine in the default mode ({@link MachineSide}), the invoke's own {@link ResponseState} in the concurrent one.
 */
interface AnswerSide {

    /** Nothing the runtime still sends matters: its invoke is closed, or its generation ended. */
    boolean gone();

    /** The runtime is sending its response and has not finished it. */
    boolean responding();

    /** The runtime's answer is in, whole, refused or cut. */
    void sent();

    /** The runtime's answer ended after its invoke closed: tells the runtime, when it goes on running. */
    void late(RuntimePost post);
}
