package io.rapidjava.rapid.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rapidjava.interop.FunctionConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The control calls' bodies: what is taken, and each refusal naming its field (Lambda's CreateFunction rules). */
class ControlRequestsTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static BadRequest refused(String body) {
        return assertThrows(BadRequest.class, () -> FunctionInit.parse(utf8(body)));
    }

    @Test
    void aFullInit() throws Exception {
        FunctionInit init = FunctionInit.parse(utf8("""
                {"name":"orders-fn","version":"7","handler":"app.handler","memorySizeMb":512,"timeoutSeconds":30,
                 "environment":{"GREETING":"hi","AWS_ACCESS_KEY_ID":"AKIA"}}"""));
        assertEquals(new FunctionInit("orders-fn", "7", "app.handler", 512, 30,
                Map.of("GREETING", "hi", "AWS_ACCESS_KEY_ID", "AKIA")), init);
    }

    @Test
    void anEmptyBodyAndNullsKeepEverything() throws Exception {
        FunctionInit none = new FunctionInit(null, null, null, null, null, null);
        assertEquals(none, FunctionInit.parse(new byte[0]));
        assertEquals(none, FunctionInit.parse(utf8(" \n")));
        assertEquals(none, FunctionInit.parse(utf8("{\"name\":null,\"environment\":null,\"memorySizeMb\":null}")));
    }

    @Test
    void appliedOverTheConfiguredFunction() {
        FunctionConfig configured = new FunctionConfig("test_function", "$LATEST", 3008, Duration.ofSeconds(300),
                "eu-west-1", "111122223333", "", "/aws/lambda/Functions", "$LATEST");
        FunctionInit init = new FunctionInit("fn", null, "h.x", null, 3, Map.of("A1", "b"));
        FunctionConfig bound = init.applyTo(configured);
        assertEquals(new FunctionConfig("fn", "$LATEST", 3008, Duration.ofSeconds(3), "eu-west-1", "111122223333",
                "h.x", "/aws/lambda/Functions", "$LATEST"), bound);
        assertEquals(Map.of("PATH", "/bin", "A1", "b"), init.environmentOver(Map.of("PATH", "/bin", "A1", "a")));
        Map<String, String> daemon = Map.of("PATH", "/bin");
        assertEquals(daemon, new FunctionInit(null, null, null, null, null, null).environmentOver(daemon));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"nam\":\"x\"}                              | nam: unknown field",
        "{\"name\":\"\"}                              | name: must be 1 to 64",
        "{\"name\":\"has space\"}                     | name: must be 1 to 64",
        "{\"name\":5}                                 | name: must be a string",
        "{\"version\":\"latest\"}                     | version: must be $LATEST",
        "{\"handler\":\"a b\"}                        | handler: must be 1 to 128",
        "{\"memorySizeMb\":127}                       | memorySizeMb: must be between 128 and 10240",
        "{\"memorySizeMb\":10241}                     | memorySizeMb: must be between 128 and 10240",
        "{\"memorySizeMb\":99999999999999999999}      | memorySizeMb: must be between 128 and 10240",
        "{\"memorySizeMb\":512.5}                     | memorySizeMb: must be an integer",
        "{\"memorySizeMb\":\"512\"}                   | memorySizeMb: must be an integer",
        "{\"timeoutSeconds\":0}                       | timeoutSeconds: must be between 1 and 900",
        "{\"timeoutSeconds\":901}                     | timeoutSeconds: must be between 1 and 900",
        "{\"environment\":[]}                         | environment: must be an object of strings",
        "{\"environment\":{\"A1\":1}}                 | environment.A1: must be a string",
        "{\"environment\":{\"A1\":null}}              | environment.A1: must be a string",
        "{\"environment\":{\"1A\":\"x\"}}             | environment.1A: a name is a letter",
        "{\"environment\":{\"AWS_REGION\":\"x\"}}     | environment.AWS_REGION: reserved",
        "{\"environment\":{\"RAPID_LOG\":\"x\"}}      | environment.RAPID_LOG: reserved",
        "{\"environment\":{\"A1\":\"a\\u0000b\"}}     | environment.A1: must not hold a NUL",
    })
    void invalidValuesNameTheirField(String body, String message) {
        BadRequest e = refused(body);
        assertEquals(400, e.status());
        assertEquals("InvalidParameterValueException", e.errorType());
        assertEquals(true, e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void aNameHasAtMostSixtyFourCharacters() throws Exception {
        assertEquals("a".repeat(64), FunctionInit.parse(utf8("{\"name\":\"" + "a".repeat(64) + "\"}")).name());
        assertEquals(true, refused("{\"name\":\"" + "a".repeat(65) + "\"}").getMessage().startsWith("name: "));
    }

    @Test
    void theEnvironmentHasLambdasFourKilobyteLimit() throws Exception {
        String value = "v".repeat(4094);
        FunctionInit.parse(utf8("{\"environment\":{\"AB\":\"" + value + "\"}}"));
        BadRequest e = refused("{\"environment\":{\"AB\":\"" + value + "v\"}}");
        assertEquals("environment: exceeds Lambda's 4 KB limit (4097 bytes)", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "name=x                         | body: not valid JSON",
        "{\"name\":\"a\",\"name\":\"b\"} | body: not valid JSON: Duplicate field 'name'",
        "{\"name\":\"a\"} {}            | body: not valid JSON",
        "[1]                            | body: must be a JSON object",
        "\"fn\"                         | body: must be a JSON object",
    })
    void aBodyThatIsNoJsonObjectIsInvalidContent(String body, String message) {
        BadRequest e = refused(body);
        assertEquals(400, e.status());
        assertEquals("InvalidRequestContentException", e.errorType());
        assertEquals(true, e.getMessage().startsWith(message), e.getMessage());
    }

    @Test
    void shutdownDeadline() throws Exception {
        Duration configured = Duration.ofMillis(2000);
        assertEquals(configured, ShutdownRequest.parse(new byte[0], configured).deadline());
        assertEquals(Duration.ofMillis(1), ShutdownRequest.parse(utf8("{\"deadlineMs\":1}"), configured).deadline());
        assertEquals(Duration.ofMillis(900_000),
                ShutdownRequest.parse(utf8("{\"deadlineMs\":900000}"), configured).deadline());
        assertEquals("spindown", ShutdownRequest.parse(new byte[0], configured).shutdown().reason());
        for (String bad : new String[] {"{\"deadlineMs\":0}", "{\"deadlineMs\":900001}", "{\"deadlineMs\":\"5\"}",
            "{\"deadline\":5}"}) {
            BadRequest e = assertThrows(BadRequest.class, () -> ShutdownRequest.parse(utf8(bad), configured));
            assertEquals(true, e.getMessage().startsWith("deadline"), e.getMessage());
        }
    }

    @Test
    void resetReason() throws Exception {
        assertEquals("spindown", ResetRequest.parse(new byte[0]).reason());
        assertEquals("failure", ResetRequest.parse(utf8("{\"reason\":\"failure\"}")).reason());
        BadRequest e = assertThrows(BadRequest.class, () -> ResetRequest.parse(utf8("{\"reason\":\"bored\"}")));
        assertEquals("reason: must be spindown, timeout or failure", e.getMessage());
        assertEquals("why: unknown field (known: reason)",
                assertThrows(BadRequest.class, () -> ResetRequest.parse(utf8("{\"why\":1}"))).getMessage());
    }
}
