package io.rapidjava.rapid.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class InvokeApiTest {

    @Test
    void thePlainFormOfAnInvokeNamesItsFunction() {
        assertEquals("function", InvokeApi.plainInvokeName("/2015-03-31/functions/function/invocations"));
        assertEquals("arn:aws:lambda:us-east-1:123456789012:function:my-fn_2", InvokeApi.plainInvokeName(
                "/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:my-fn_2/invocations"));
    }

    @Test
    void everyOtherFormIsTheRoutersToAnswer() {
        for (String uri : new String[] {
                "/2015-03-31/functions/function/invocations?Qualifier=1",
                "/2015-03-31/functions/function/invocations/",
                "/2015-03-31/functions//invocations",
                "/2015-03-31/functions/invocations",
                "/2015-03-31/functions/a/b/invocations",
                "/2015-03-31/functions/fn%20x/invocations",
                "/2015-03-31/functions/fn:$LATEST/invocations",
                "/2015-03-31/functions/../functions/fn/invocations",
                "//2015-03-31/functions/fn/invocations",
                "http://localhost/2015-03-31/functions/fn/invocations",
                "/2021-11-15/functions/fn/response-streaming-invocations"}) {
            assertNull(InvokeApi.plainInvokeName(uri), uri);
        }
    }
}
