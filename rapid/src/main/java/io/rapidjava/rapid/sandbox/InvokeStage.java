package io.rapidjava.rapid.sandbox;

/**
 * Where an invoke is in the sandbox, and the one place that decides which way it may go: forward only. How far the
 * invoker's answer got is another axis ({@link AnswerState}): an {@code Event} invoke is answered while it waits, a
 * failed init answers one that was never delivered.
 */
enum InvokeStage {
    /** Accepted; waits in the intake while its event is read. */
    WAITING,
    /** Taken by the sandbox (which may be initialising for it); its event has not reached the runtime. */
    TAKEN,
    /** Its event went to the runtime and to the INVOKE subscribers. */
    DELIVERED,
    /** Closed: END and REPORT are on their way; nothing happens to it any more. */
    FINISHED;

    boolean allows(InvokeStage to) {
        return switch (this) {
            case WAITING -> to == TAKEN;
            case TAKEN -> to == DELIVERED || to == FINISHED;
            case DELIVERED -> to == FINISHED;
            case FINISHED -> false;
        };
    }
}
