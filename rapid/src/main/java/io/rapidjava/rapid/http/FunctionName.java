package io.rapidjava.rapid.http;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function named as Lambda's {@code Invoke} takes it: a name, a full or partial ARN, with a {@code :qualifier}
 * suffix (a version or an alias) or a {@code Qualifier} query parameter. {@code qualifier} is null when neither
 * gives one. The daemon serves one function under any valid name; what breaks Lambda's constraints is refused as
 * Lambda refuses it.
 */
record FunctionName(String name, String qualifier) {

    /** Lambda's pattern for the function name of an invoke, as its validation errors quote it. */
    static final String NAME_PATTERN = "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?"
            + "(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?";
    static final String QUALIFIER_PATTERN = "(|[a-zA-Z0-9$_-]+)";
    private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
    private static final Pattern QUALIFIER = Pattern.compile(QUALIFIER_PATTERN);
    private static final int MAX_LENGTH = 170;
    private static final int MAX_NAME_LENGTH = 64;
    private static final int MAX_QUALIFIER_LENGTH = 128;

    /** Why a name or qualifier is refused: Lambda's {@code 400} error type and message. */
    static final class Invalid extends Exception {

        private final String errorType;

        Invalid(String errorType, String message) {
            super(message, null, false, false);
            this.errorType = errorType;
        }

        String errorType() {
            return errorType;
        }
    }

    /** {@code qualifierParameter} is the {@code Qualifier} query parameter, null when absent. */
    static FunctionName parse(String functionName, String qualifierParameter) throws Invalid {
        String value = functionName == null ? "" : functionName;
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw constraint(value, "functionName", value.isEmpty() ? "Member must have length greater than or equal to 1"
                    : "Member must have length less than or equal to " + MAX_LENGTH);
        }
        Matcher m = NAME.matcher(value);
        if (!m.matches()) {
            throw constraint(value, "functionName", "Member must satisfy regular expression pattern: " + NAME_PATTERN);
        }
        String name = m.group(10);
        if (name.length() > MAX_NAME_LENGTH) {
            throw constraint(value, "functionName", "Member must have length less than or equal to " + MAX_NAME_LENGTH);
        }
        String derived = m.group(12);
        String given = qualifierParameter == null || qualifierParameter.isEmpty() ? null : qualifierParameter;
        if (given != null && (given.length() > MAX_QUALIFIER_LENGTH || !QUALIFIER.matcher(given).matches())) {
            throw constraint(given, "qualifier", given.length() > MAX_QUALIFIER_LENGTH
                    ? "Member must have length less than or equal to " + MAX_QUALIFIER_LENGTH
                    : "Member must satisfy regular expression pattern: " + QUALIFIER_PATTERN);
        }
        if (derived != null && given != null && !derived.equals(given)) {
            throw new Invalid("InvalidParameterValueException",
                    "The derived qualifier from the function name does not match the specified qualifier.");
        }
        return new FunctionName(name, derived != null ? derived : given);
    }

    private static Invalid constraint(String value, String field, String constraint) {
        return new Invalid("ValidationException", "1 validation error detected: Value '" + value + "' at '" + field
                + "' failed to satisfy constraint: " + constraint);
    }
}
