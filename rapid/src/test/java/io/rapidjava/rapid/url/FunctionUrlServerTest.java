package io.rapidjava.rapid.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FunctionUrlServerTest {

    @Test
    void theUrlIdIsStableAndLooksLikeLambdas() {
        String id = FunctionUrlServer.urlId("arn:aws:lambda:us-east-1:012345678912:function:a");
        assertEquals(id, FunctionUrlServer.urlId("arn:aws:lambda:us-east-1:012345678912:function:a"));
        assertNotEquals(id, FunctionUrlServer.urlId("arn:aws:lambda:us-east-1:012345678912:function:b"));
        assertTrue(id.matches("[0-9a-f]{32}"), id);
    }
}
