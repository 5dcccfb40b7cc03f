package io.rapidjava.rapid.sandbox;

/**
 * How far the runtime got answering one invoke in the concurrent mode, where no state machine of the runtime's
 * orders its calls, and the one place that decides which call may come next: the first of a response and an error
 * wins (spec §9). An invoke starts with none (a null field: the default mode never loads this class).
 */
enum ResponseState {
    /** The runtime is sending its response. */
    RESPONDING,
    /** The runtime is sending an error report. */
    ERRORING,
    /** The runtime's answer is in. */
    SENT;

    /**
     * Why the runtime may not post a response ({@code error} false) or an error report for an invoke in {@code
     * state} (null: nothing posted yet), as the emulator names it; null when it may. Every refusal is answered
     * {@code 400 InvalidRequestID}.
     */
    static String refusal(ResponseState state, boolean error) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case RESPONDING -> "Runtime.InvokeResponseInProgress";
            case ERRORING -> error ? "Runtime.ErrorResponseInProgress" : "Runtime.InvokeResponseInProgress";
            case SENT -> "Runtime.InvokeResponseWasSent";
        };
    }
}
