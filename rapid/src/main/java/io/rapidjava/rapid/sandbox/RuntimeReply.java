package io.rapidjava.rapid.sandbox;

/** How the core answers a Runtime API call; the Runtime API adapter alone turns it into a status and a body. */
public record RuntimeReply(Kind kind, long limit, String from, String to) {

    public enum Kind {
        ACCEPTED,
        INVALID_REQUEST_ID,
        INVALID_RESPONSE_MODE,
        TOO_LARGE,
        TRUNCATED,
        FORBIDDEN,
        /** An answer for an invoke that timed out, while its id is remembered (the concurrent mode). */
        INVOKE_TIMEOUT,
        /** The daemon cannot take the call (more idle workers than it keeps). */
        INTERNAL_ERROR
    }

    static final RuntimeReply ACCEPTED = of(Kind.ACCEPTED);
    static final RuntimeReply INVALID_REQUEST_ID = of(Kind.INVALID_REQUEST_ID);
    static final RuntimeReply INVALID_RESPONSE_MODE = of(Kind.INVALID_RESPONSE_MODE);
    static final RuntimeReply TRUNCATED = of(Kind.TRUNCATED);
    static final RuntimeReply INVOKE_TIMEOUT = of(Kind.INVOKE_TIMEOUT);
    static final RuntimeReply INTERNAL_ERROR = of(Kind.INTERNAL_ERROR);

    static RuntimeReply tooLarge(long limit) {
        return new RuntimeReply(Kind.TOO_LARGE, limit, null, null);
    }

    /** A call the runtime's state does not allow: from its state to the one the call leads to. */
    static RuntimeReply forbidden(String from, String to) {
        return new RuntimeReply(Kind.FORBIDDEN, 0, from, to);
    }

    private static RuntimeReply of(Kind kind) {
        return new RuntimeReply(kind, 0, null, null);
    }
}
