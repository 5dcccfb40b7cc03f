package io.rapidjava.extensions;

import com.fasterxml.jackson.core.JacksonException;
import io.rapidjava.rendering.JsonTree;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /extension/register}: the events the extension takes, or the 403 Lambda answers. Only the
 * body's first JSON value is read, as Lambda's decoder reads it.
 */
record RegisterRequest(Set<EventType> events, ApiError refused) {

    static RegisterRequest parse(Buffer body) {
        if (body == null || body.length() == 0) {
            return refused(invalidFormat("unexpected end of JSON input"));
        }
        Object json;
        try {
            json = JsonTree.first(body.getBytes());
        } catch (JacksonException e) {
            return refused(invalidFormat(e.getOriginalMessage()));
        } catch (IOException e) {
            return refused(invalidFormat(e.getMessage()));
        }
        if (!(json instanceof Map<?, ?> request)) {
            return refused(invalidFormat("the body must be a JSON object"));
        }
        Object keys = request.get("configurationKeys");
        if (keys instanceof Map<?, ?> named && !named.isEmpty() || keys instanceof List<?> listed && !listed.isEmpty()) {
            return refused(invalidFormat("configurationKeys are deprecated; use environment variables instead"));
        }
        Object list = request.get("events");
        Set<EventType> events = EnumSet.noneOf(EventType.class);
        if (list != null && list != JsonTree.NULL) {
            if (!(list instanceof List<?> items)) {
                return refused(invalidFormat("events must be an array of strings"));
            }
            for (Object item : items) {
                String event = item instanceof String name ? name : JsonTree.quoted(item);
                EventType type = eventType(event);
                if (type == null) {
                    return refused(ApiError.forbidden("Extension.InvalidEventType", event + ": ErrorInvalidEventType"));
                }
                events.add(type);
            }
        }
        return new RegisterRequest(events, null);
    }

    private static RegisterRequest refused(ApiError error) {
        return new RegisterRequest(Set.of(), error);
    }

    private static EventType eventType(String name) {
        for (EventType t : EventType.values()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        return null;
    }

    private static ApiError invalidFormat(String message) {
        return ApiError.forbidden("InvalidRequestFormat", message);
    }
}
