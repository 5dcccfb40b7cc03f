package io.rapidjava.rapid.control;

/** A control call's request the API will not take as sent: a 4xx naming what is wrong, never a 500. */
final class BadRequest extends Exception {

    private final int status;
    private final String errorType;

    private BadRequest(int status, String errorType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
    }

    /** A field with a value Lambda's CreateFunction would refuse (or that the call does not know). */
    static BadRequest invalidValue(String field, String why) {
        return new BadRequest(400, "InvalidParameterValueException", field + ": " + why);
    }

    /** A body that is not a JSON object. */
    static BadRequest invalidContent(String why) {
        return new BadRequest(400, "InvalidRequestContentException", "body: " + why);
    }

    static BadRequest tooLarge(long limit) {
        return new BadRequest(413, "RequestEntityTooLarge",
                "Exceeded maximum allowed payload size (" + limit + " bytes).");
    }

    int status() {
        return status;
    }

    String errorType() {
        return errorType;
    }
}
