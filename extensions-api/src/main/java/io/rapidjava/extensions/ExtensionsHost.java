package io.rapidjava.extensions;

import java.util.Set;

/**
 * What the Extensions API asks of the sandbox once a request is well-formed; each call returns its outcome, which
 * the API alone writes to the wire. Called on the sandbox's event loop.
 */
public interface ExtensionsHost {

    /** A registered extension's identifier and the register answer's body, or why it was refused. */
    record Registered(String identifier, byte[] body, ApiError error) {
        public static Registered refused(ApiError error) {
            return new Registered(null, null, error);
        }
    }

    Registered register(String name, Set<EventType> events, boolean wantsAccountId);

    /** Parks {@code sink} until the extension's next event; null when parked, else why not. */
    ApiError next(String extensionId, EventSink sink);

    /** Null when accepted ({@code 202}), else why not. */
    ApiError initError(String extensionId, String errorType);

    ApiError exitError(String extensionId, String errorType);
}
