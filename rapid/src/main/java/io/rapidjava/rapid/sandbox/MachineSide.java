package io.rapidjava.rapid.sandbox;

import io.rapidjava.rapid.runtime.RuntimeCall;
import io.rapidjava.rapid.runtime.RuntimeState;

/** The default mode's side of an answer: the one runtime's state machine, which runs one invoke at a time. */
record MachineSide(Generation g, Invoke inv) implements AnswerSide {

    @Override
    public boolean gone() {
        return inv.finished() || g.ended;
    }

    @Override
    public boolean responding() {
        return g.machine.state() == RuntimeState.InvocationResponse;
    }

    @Override
    public void sent() {
        g.machine.apply(RuntimeCall.RESPONSE_SENT);
    }

    /** Nothing to tell: an invoke closes before its answer only when the runtime is stopped or was cut off. */
    @Override
    public void late(RuntimePost post) {
    }
}
