package io.rapidjava.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Spec §1.1: output as Go's encoding/json would write it. */
class JsonTest {

    private static String body(Object value) {
        return new String(Json.body(value), StandardCharsets.UTF_8);
    }

    @Test
    void bodyEndsWithNewline() {
        assertEquals("{\"a\":1}\n", body(Map.of("a", 1)));
        assertEquals("[]\n", body(List.of()));
        assertEquals("\"x\"\n", body("x"));
        assertEquals("null\n", body(null));
    }

    @Test
    void stringHasNoNewline() {
        assertEquals("{\"a\":1}", Json.string(Map.of("a", 1)));
    }

    @Test
    void htmlCharactersAreEscapedLikeGo() {
        assertEquals("{\"a\":\"\\u003cb\\u003e \\u0026 \\u003c/b\\u003e\"}\n",
                body(Map.of("a", "<b> & </b>")));
    }

    @Test
    void htmlCharactersInKeysAreEscapedToo() {
        assertEquals("{\"\\u003ck\\u003e\":\"v\"}\n", body(Map.of("<k>", "v")));
    }

    @Test
    void htmlEscapingAlsoAppliesToString() {
        assertEquals("\"\\u003c\\u003e\\u0026\"", Json.string("<>&"));
    }

    @Test
    void lineAndParagraphSeparatorsAreEscaped() {
        assertEquals("\"a\\u2028b\\u2029c\"\n", body("a\u2028b\u2029c"));
        assertEquals("\"a\\u2028b\\u2029c\"", Json.string("a\u2028b\u2029c"));
    }

    @Test
    void quotesBackslashAndCommonControlsUseShortEscapes() {
        assertEquals("\"q\\\"b\\\\n\\nr\\rt\\t\"\n", body("q\"b\\n\nr\rt\t"));
    }

    @Test
    void otherControlCharactersUseLowerCaseHex() {
        // Go: \u0000, \u001f (lower-case hex digits)
        assertEquals("\"\\u0000\\u0001\\u001f\"\n", body("\u0000\u0001\u001f"));
    }

    @Test
    void otherNonAsciiIsWrittenAsUtf8() {
        String text = "é ü 日本 \u00a0 \u007f";
        byte[] bytes = Json.body(text);
        assertEquals("\"" + text + "\"\n", new String(bytes, StandardCharsets.UTF_8));
    }

    @Test
    void charactersOutsideTheBmpAreWrittenAsUtf8() {
        // Go writes valid UTF-8 as is; only U+2028/U+2029 (and invalid UTF-8) are escaped.
        String text = "smile \uD83D\uDE00";
        assertEquals("\"" + text + "\"\n", new String(Json.body(text), StandardCharsets.UTF_8));
    }

    @Test
    void mapOrderIsInsertionOrder() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("z", 1);
        m.put("a", "x");
        assertEquals("{\"z\":1,\"a\":\"x\"}\n", body(m));
    }
}
