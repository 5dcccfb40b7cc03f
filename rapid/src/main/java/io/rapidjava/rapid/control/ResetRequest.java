package io.rapidjava.rapid.control;

import java.util.Set;

/** {@code POST /reset}: the reason the generation's SHUTDOWN event carries, Lambda's {@code spindown} by default. */
record ResetRequest(String reason) {

    private static final Set<String> REASONS = Set.of("spindown", "timeout", "failure");

    static ResetRequest parse(byte[] body) throws BadRequest {
        String reason = StrictJson.string(StrictJson.object(body, Set.of("reason")), "reason");
        if (reason == null) {
            return new ResetRequest("spindown");
        }
        if (!REASONS.contains(reason)) {
            throw BadRequest.invalidValue("reason", "must be spindown, timeout or failure");
        }
        return new ResetRequest(reason);
    }
}
