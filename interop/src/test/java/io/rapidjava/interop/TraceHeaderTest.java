package io.rapidjava.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TraceHeaderTest {

    private static final Pattern FORMAT =
            Pattern.compile("Root=1-([0-9a-f]{8})-([0-9a-f]{24});Parent=([0-9a-f]{16});Sampled=0");

    @Test
    void formatAndTimestamp() {
        String header = TraceHeader.generate(1_700_000_000L);
        Matcher m = FORMAT.matcher(header);
        assertTrue(m.matches(), header);
        assertEquals("6553f100", m.group(1));
        assertEquals(1_700_000_000L, Long.parseLong(m.group(1), 16));
    }

    @Test
    void timestampIsZeroPaddedToEightDigits() {
        Matcher m = FORMAT.matcher(TraceHeader.generate(0x1234L));
        assertTrue(m.matches());
        assertEquals("00001234", m.group(1));
    }

    @Test
    void currentTimeFits() {
        long now = System.currentTimeMillis() / 1000;
        Matcher m = FORMAT.matcher(TraceHeader.generate(now));
        assertTrue(m.matches());
        assertEquals(now, Long.parseLong(m.group(1), 16));
    }

    @Test
    void headersAreRandom() {
        Set<String> roots = new HashSet<>();
        Set<String> parents = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            Matcher m = FORMAT.matcher(TraceHeader.generate(1_700_000_000L));
            assertTrue(m.matches());
            roots.add(m.group(2));
            parents.add(m.group(3));
        }
        assertEquals(50, roots.size());
        assertEquals(50, parents.size());
        assertNotEquals(TraceHeader.generate(1L), TraceHeader.generate(1L));
    }

    @Test
    void onlyASampledHeaderWithARootIsTraced() {
        assertTrue(TraceHeader.sampled("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"));
        assertTrue(TraceHeader.sampled("Sampled=1; Root=1-5759e988-bd862e3fe1be46a994272793"));
        for (String header : new String[] {null, "", "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=0",
                "Root=1-5759e988-bd862e3fe1be46a994272793", "Root=;Sampled=1", "Parent=53995c3f42cd8ad8;Sampled=1",
                "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=10", ";;;"}) {
            assertFalse(TraceHeader.sampled(header), header);
        }
    }
}
