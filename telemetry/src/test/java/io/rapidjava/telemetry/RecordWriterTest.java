package io.rapidjava.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Durations and times as AWS shows them. */
class RecordWriterTest {

    @Test
    void durationsKeepMicrosecondsAndDropNanoseconds() {
        assertEquals("140.0", RecordWriter.millis(140.000999));
        assertEquals("150.002", RecordWriter.millis(150.002999));
        assertEquals("693.92", RecordWriter.millis(693.92));
        assertEquals("2.89", RecordWriter.millis(2.89));
        assertEquals("0.0", RecordWriter.millis(0));
        assertEquals("0.0", RecordWriter.millis(0.000999));
        assertEquals("0.001", RecordWriter.millis(0.001));
        assertEquals("900000.5", RecordWriter.millis(900_000.5));
        assertEquals("-1.5", RecordWriter.millis(-1.5));
    }

    @Test
    void aNanosecondCountOverAMillionComesOutExact() {
        SplittableRandom random = new SplittableRandom(12);
        for (int i = 0; i < 100_000; i++) {
            long nanos = random.nextLong(0, 900_000_000_000L);
            BigDecimal expected = BigDecimal.valueOf(nanos).movePointLeft(6).setScale(3, RoundingMode.DOWN);
            String shown = expected.stripTrailingZeros().scale() <= 0
                    ? expected.setScale(1).toPlainString()
                    : expected.stripTrailingZeros().toPlainString();
            assertEquals(shown, RecordWriter.millis(nanos / 1_000_000.0), nanos + " ns");
        }
    }

    @Test
    void timesAreUtcMillisecondsTruncated() {
        assertEquals("2026-12-01T10:00:00.123Z", RecordWriter.time(Instant.parse("2026-12-01T10:00:00.123999Z")));
        assertEquals("2026-12-01T10:00:00.000Z", RecordWriter.time(Instant.parse("2026-12-01T10:00:00Z")));
        // a second's text is kept for the next record: each new second, and an earlier one again, is its own
        assertEquals("2026-12-01T10:00:00.999Z", RecordWriter.time(Instant.parse("2026-12-01T10:00:00.999Z")));
        assertEquals("2026-12-01T10:00:01.007Z", RecordWriter.time(Instant.parse("2026-12-01T10:00:01.007Z")));
        assertEquals("2026-12-01T10:00:00.050Z", RecordWriter.time(Instant.parse("2026-12-01T10:00:00.050Z")));
        assertEquals("2027-01-01T00:00:00.000Z", RecordWriter.time(Instant.parse("2027-01-01T00:00:00Z")));
        assertEquals("1969-12-31T23:59:59.900Z", RecordWriter.time(Instant.parse("1969-12-31T23:59:59.900Z")));
    }
}
