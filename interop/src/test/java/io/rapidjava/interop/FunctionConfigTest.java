package io.rapidjava.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FunctionConfigTest {

    private static FunctionConfig config(String name, String region, String account) {
        return new FunctionConfig(name, "$LATEST", 3008, Duration.ofSeconds(300), region, account, "",
                "/aws/lambda/Functions", "$LATEST");
    }

    @Test
    void arnOfTheDefaultFunction() {
        assertEquals("arn:aws:lambda:us-east-1:012345678912:function:test_function",
                config("test_function", "us-east-1", "012345678912").arn());
    }

    @Test
    void arnUsesRegionAccountAndName() {
        assertEquals("arn:aws:lambda:eu-west-2:123456789012:function:my-fn",
                config("my-fn", "eu-west-2", "123456789012").arn());
    }

    @Test
    void requiredFieldsMustNotBeNull() {
        Duration t = Duration.ofSeconds(3);
        assertThrows(NullPointerException.class,
                () -> new FunctionConfig(null, "v", 128, t, "r", "a", "h", "g", "s"));
        assertThrows(NullPointerException.class,
                () -> new FunctionConfig("n", null, 128, t, "r", "a", "h", "g", "s"));
        assertThrows(NullPointerException.class,
                () -> new FunctionConfig("n", "v", 128, null, "r", "a", "h", "g", "s"));
        assertThrows(NullPointerException.class,
                () -> new FunctionConfig("n", "v", 128, t, null, "a", "h", "g", "s"));
        assertThrows(NullPointerException.class,
                () -> new FunctionConfig("n", "v", 128, t, "r", null, "h", "g", "s"));
        assertThrows(NullPointerException.class,
                () -> new FunctionConfig("n", "v", 128, t, "r", "a", null, "g", "s"));
        assertThrows(NullPointerException.class,
                () -> new FunctionConfig("n", "v", 128, t, "r", "a", "h", null, "s"));
        assertThrows(NullPointerException.class,
                () -> new FunctionConfig("n", "v", 128, t, "r", "a", "h", "g", null));
    }
}
