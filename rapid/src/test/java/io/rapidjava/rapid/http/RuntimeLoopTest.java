package io.rapidjava.rapid.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Which response paths the runtime loop takes itself; the rest go to the router, which decodes and normalises. */
class RuntimeLoopTest {

    @Test
    void aPlainResponsePathNamesItsInvoke() {
        assertEquals("8476a536-e9f4-11e8-9739-2dfe598c3fcd",
                RuntimeLoop.responseId("/2018-06-01/runtime/invocation/8476a536-e9f4-11e8-9739-2dfe598c3fcd/response"));
        assertEquals("a+b", RuntimeLoop.responseId("/2018-06-01/runtime/invocation/a+b/response"));
    }

    @Test
    void everyOtherPathIsTheRoutersToAnswer() {
        for (String path : new String[] {null, "/2018-06-01/runtime/invocation//response",
                "/2018-06-01/runtime/invocation/response", "/2018-06-01/runtime/invocation/a/b/response",
                "/2018-06-01/runtime/invocation/a%2Fb/response", "/2018-06-01/runtime/invocation/../response",
                "/2018-06-01/runtime/invocation/./response", "/2018-06-01/runtime/invocation/id/error",
                "/2018-06-01/runtime/invocation/id/response/", "/2018-06-01/runtime/invocation/id/Response",
                "/2018-06-02/runtime/invocation/id/response", "//2018-06-01/runtime/invocation/id/response"}) {
            assertNull(RuntimeLoop.responseId(path), path);
        }
    }
}
