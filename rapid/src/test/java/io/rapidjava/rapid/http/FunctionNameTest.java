package io.rapidjava.rapid.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Function names as Lambda's Invoke takes them, and its refusals of the others. */
class FunctionNameTest {

    @ParameterizedTest(name = "{0} ? Qualifier={1}")
    @CsvSource(nullValues = "-", value = {
            "my-function,                                                        -,       my-function, -",
            "my_function.v2,                                                     -,       my_function.v2, -",
            "my-function:v1,                                                     -,       my-function, v1",
            "my-function:$LATEST,                                                -,       my-function, $LATEST",
            "my-function,                                                        7,       my-function, 7",
            "my-function,                                                        '',      my-function, -",
            "my-function:PROD,                                                   PROD,    my-function, PROD",
            "123456789012:function:my-function,                                  -,       my-function, -",
            "123456789012:my-function,                                           -,       my-function, -",
            "arn:aws:lambda:us-west-2:123456789012:function:my-function,         -,       my-function, -",
            "arn:aws:lambda:us-west-2:123456789012:function:my-function:PROD,    -,       my-function, PROD",
            "arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:fn:3,     -,       fn, 3",
            "function:my-function,                                               -,       my-function, -",
    })
    void takesWhatLambdaTakes(String raw, String qualifier, String name, String expectedQualifier) throws Exception {
        assertEquals(new FunctionName(name, expectedQualifier), FunctionName.parse(raw, qualifier));
    }

    @ParameterizedTest
    @ValueSource(strings = {"my function", "fn/other", "fn:", "fn:a:b", "arn:aws:lambda:us-west-2:1234:function:fn",
            "fn?x", "ünïcode", ":fn"})
    void refusesWhatBreaksLambdasPattern(String raw) {
        FunctionName.Invalid e = assertThrows(FunctionName.Invalid.class, () -> FunctionName.parse(raw, null));
        assertEquals("ValidationException", e.errorType());
        assertEquals("1 validation error detected: Value '" + raw + "' at 'functionName' failed to satisfy constraint: "
                + "Member must satisfy regular expression pattern: " + FunctionName.NAME_PATTERN, e.getMessage());
    }

    @Test
    void refusesAnEmptyNameAndOverlongOnes() {
        assertTrue(assertThrows(FunctionName.Invalid.class, () -> FunctionName.parse("", null)).getMessage()
                .endsWith("Member must have length greater than or equal to 1"));
        assertTrue(assertThrows(FunctionName.Invalid.class, () -> FunctionName.parse("f".repeat(65), null))
                .getMessage().endsWith("Member must have length less than or equal to 64"));
        String arn = "arn:aws:lambda:us-west-2:123456789012:function:" + "f".repeat(64) + ":" + "q".repeat(60);
        assertTrue(assertThrows(FunctionName.Invalid.class, () -> FunctionName.parse(arn, null)).getMessage()
                .endsWith("Member must have length less than or equal to 170"));
        assertEquals("f".repeat(64), assertNoThrow("f".repeat(64)).name());
    }

    @Test
    void refusesABadQualifierParameter() {
        FunctionName.Invalid bad = assertThrows(FunctionName.Invalid.class, () -> FunctionName.parse("fn", "a.b"));
        assertEquals("ValidationException", bad.errorType());
        assertEquals("1 validation error detected: Value 'a.b' at 'qualifier' failed to satisfy constraint: Member "
                + "must satisfy regular expression pattern: (|[a-zA-Z0-9$_-]+)", bad.getMessage());
        assertTrue(assertThrows(FunctionName.Invalid.class, () -> FunctionName.parse("fn", "q".repeat(129)))
                .getMessage().endsWith("Member must have length less than or equal to 128"));
    }

    @Test
    void aQualifierInTheNameMustMatchTheParameter() {
        FunctionName.Invalid e = assertThrows(FunctionName.Invalid.class, () -> FunctionName.parse("fn:v1", "v2"));
        assertEquals("InvalidParameterValueException", e.errorType());
        assertEquals("The derived qualifier from the function name does not match the specified qualifier.",
                e.getMessage());
    }

    private static FunctionName assertNoThrow(String raw) {
        try {
            return FunctionName.parse(raw, null);
        } catch (FunctionName.Invalid e) {
            throw new AssertionError(e.getMessage(), e);
        }
    }
}
