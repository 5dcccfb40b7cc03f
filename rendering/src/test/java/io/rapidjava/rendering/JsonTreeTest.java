package io.rapidjava.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JacksonException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Documents as the daemon's readers see them: the trees data binding made, and its refusals. */
class JsonTreeTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void valuesAndTheirJavaTypes() throws Exception {
        Map<?, ?> m = (Map<?, ?>) JsonTree.only(utf8("{\"s\":\"x\",\"i\":1,\"l\":2147483648,"
                + "\"b\":9223372036854775808,\"d\":1.0,\"t\":true,\"n\":null,\"a\":[1,\"y\"]}"));
        assertEquals("x", m.get("s"));
        assertEquals(Integer.valueOf(1), m.get("i"));
        assertEquals(Long.valueOf(2147483648L), m.get("l"));
        assertEquals(new BigInteger("9223372036854775808"), m.get("b"));
        assertEquals(Double.valueOf(1.0), m.get("d"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertSame(JsonTree.NULL, m.get("n"));
        assertNull(m.get("absent"));
        assertEquals(List.of(1, "y"), m.get("a"));
    }

    @Test
    void aRepeatedNameKeepsItsFirstPlaceAndItsLastValue() throws Exception {
        Map<?, ?> m = (Map<?, ?>) JsonTree.first(utf8("{\"a\":1,\"b\":2,\"a\":3}"));
        assertEquals(List.of("a", "b"), new ArrayList<>(m.keySet()));
        assertEquals(3, m.get("a"));
        JacksonException e = assertThrows(JacksonException.class,
                () -> JsonTree.onlyWithUniqueNames(utf8("{\"a\":1,\"a\":3}")));
        assertEquals("Duplicate field 'a'", e.getOriginalMessage());
    }

    @Test
    void noContentIsNull() throws Exception {
        assertNull(JsonTree.first(new byte[0]));
        assertNull(JsonTree.only(utf8(" \n")));
    }

    @Test
    void firstReadsOneValueOnlyRefusesMore() throws Exception {
        assertEquals(Map.of(), JsonTree.first(utf8("{} {} x")));
        JacksonException e = assertThrows(JacksonException.class, () -> JsonTree.only(utf8("{} [")));
        assertEquals("Trailing token (of type START_ARRAY) found after the JSON value", e.getOriginalMessage());
        assertThrows(JacksonException.class, () -> JsonTree.only("{} x"));
    }

    @Test
    void aQuotedValueHasUpperCaseHexEscapesAndNoGoEscapes() throws Exception {
        assertEquals("\"\\u001F<\"", JsonTree.quoted("\u001f<"));
        assertEquals("{\"a\":[1.5,null]}", JsonTree.quoted(JsonTree.first(utf8("{\"a\":[1.50,null]}"))));
    }
}
