package io.rapidjava.tests.ric.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/**
 * Returns the event unchanged: the JSON payload goes through the RIC's deserializer and serializer. When the event
 * has a {@code "log"} entry, its value is first logged through the Lambda logger (the RIC writes it to stdout).
 */
public class EchoHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        Object log = event == null ? null : event.get("log");
        if (log != null) {
            context.getLogger().log("echo handler logs: " + log + "\n");
        }
        return event;
    }
}
