package io.rapidjava.tests.ric.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Always throws: the RIC reports an unhandled exception through /runtime/invocation/{id}/error. */
public class FailingHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        throw new RuntimeException("boom");
    }
}
