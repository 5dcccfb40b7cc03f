package io.rapidjava.tests.ric.handlers;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reports what the RIC put into the {@link Context} for this invoke. */
public class ContextHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        // read first, before anything else spends time
        long remaining = context.getRemainingTimeInMillis();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("remainingTimeInMillis", remaining);
        out.put("awsRequestId", context.getAwsRequestId());
        out.put("invokedFunctionArn", context.getInvokedFunctionArn());
        out.put("functionName", context.getFunctionName());
        out.put("functionVersion", context.getFunctionVersion());
        out.put("memoryLimitInMB", context.getMemoryLimitInMB());
        out.put("logGroupName", context.getLogGroupName());
        out.put("logStreamName", context.getLogStreamName());
        ClientContext clientContext = context.getClientContext();
        out.put("hasClientContext", clientContext != null);
        if (clientContext != null) {
            out.put("clientContextCustom", clientContext.getCustom());
            out.put("clientContextEnvironment", clientContext.getEnvironment());
        }
        out.put("event", event);
        return out;
    }
}
