package io.rapidjava.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The generator itself (no daemon): a case replays byte for byte, and none could take the runtime's invoke. */
class FuzzCaseTest {

    private static final int CASES = 5000;

    @Test
    void aCaseIsAPureFunctionOfSeedApiAndIndex() {
        for (Api api : Api.values()) {
            for (int i = 0; i < 200; i++) {
                FuzzCase a = FuzzCase.generate(42, api, i);
                FuzzCase b = FuzzCase.generate(42, api, i);
                assertArrayEquals(a.bytes(), b.bytes(), a::describe);
                assertEquals(a.ending(), b.ending(), a::describe);
                assertEquals(a.writes(), b.writes(), a::describe);
            }
        }
    }

    @Test
    void noRuntimeApiCaseIsAGetNext() {
        for (Api api : new Api[] {Api.RUNTIME, Api.EXTENSIONS}) {
            for (int i = 0; i < CASES; i++) {
                FuzzCase c = FuzzCase.generate(7, api, i);
                String text = new String(c.bytes(), StandardCharsets.ISO_8859_1);
                assertFalse(text.matches("(?s).*GET [^ ]*/runtime/invocation/next.*"), c::describe);
            }
        }
    }
}
