package io.rapidjava.rendering;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The bytes of a body against the way they were made before: the generator's text encoded by {@link String#getBytes}
 * (a lone surrogate becomes {@code ?}) with Go's five escapes put in, for texts of every size the scratch buffer sees.
 */
class GoUtf8Test {

    private static final char[] AWKWARD = {'<', '>', '&', '\u2028', '\u2029', '"', '\\', '\n', '\u0000', '\u001f',
        '\u007f', '\u0080', '\u07ff', '\u0800', 'é', '日', '\uffff', '\uD83D', '\uDE00', 'a', ' '};

    private static byte[] before(Object value) {
        String text = Json.plain(Json.FACTORY, value).replace("<", "\\u003c").replace(">", "\\u003e")
                .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029") + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void randomTextsOfEverySize() {
        Random random = new Random(14);
        for (int i = 0; i < 600; i++) {
            int length = i % 3 == 0 ? random.nextInt(40_000) : random.nextInt(600);
            StringBuilder s = new StringBuilder(length);
            for (int k = 0; k < length; k++) {
                s.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : AWKWARD[random.nextInt(AWKWARD.length)]);
            }
            Object value = i % 2 == 0 ? s.toString() : Map.of("k" + s.substring(0, Math.min(5, length)), List.of(s.toString(), i));
            assertArrayEquals(before(value), Json.body(value), () -> "text of " + length + " characters");
        }
    }

    @Test
    void aValueThatCannotBeWrittenLeavesTheNextOneWhole() {
        assertThrows(IllegalArgumentException.class, () -> Json.body(Map.of("a", List.of(1, new Object()))));
        assertEquals("{\"a\":[1]}\n", new String(Json.body(Map.of("a", List.of(1))), StandardCharsets.UTF_8));
    }
}
