package io.rapidjava.extensions;

import io.vertx.core.http.HttpServerResponse;
import java.util.Set;

/**
 * What the Extensions API asks of the sandbox once a request is well-formed. Each call answers the response
 * itself. Called on the sandbox's event loop.
 */
public interface ExtensionsHost {

    void register(String name, Set<EventType> events, boolean wantsAccountId, HttpServerResponse response);

    void next(String extensionId, HttpServerResponse response);

    void initError(String extensionId, String errorType, HttpServerResponse response);

    void exitError(String extensionId, String errorType, HttpServerResponse response);
}
