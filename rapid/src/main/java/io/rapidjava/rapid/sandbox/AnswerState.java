package io.rapidjava.rapid.sandbox;

/** How far an invoker's answer got. */
enum AnswerState {
    /** Nothing decided yet. */
    PENDING,
    /** The runtime's answer is flowing to the invoker: headers are out, the end is not. */
    FLOWING,
    /** Decided: sent, deferred to REPORT for a Tail log, or nobody left to answer. */
    DONE;

    boolean allows(AnswerState to) {
        return switch (this) {
            case PENDING -> to == FLOWING || to == DONE;
            case FLOWING -> to == DONE;
            case DONE -> false;
        };
    }
}
