package io.rapidjava.rendering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Spec §7.2: the platform lines of real Lambda. */
class LogLinesTest {

    @Test
    void start() {
        assertEquals("START RequestId: 8f5e-1 Version: $LATEST", LogLines.start("8f5e-1", "$LATEST"));
    }

    @Test
    void end() {
        assertEquals("END RequestId: 8f5e-1", LogLines.end("8f5e-1"));
    }

    @Test
    void reportWithInitDuration() {
        assertEquals("REPORT RequestId: id\tDuration: 2.89 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB"
                        + "\tMax Memory Used: 39 MB\tInit Duration: 170.07 ms\t",
                LogLines.report("id", 2.891, 128, 39, 170.07, null, null));
    }

    @Test
    void reportWithoutInitDuration() {
        String line = LogLines.report("id", 2.891, 128, 39, null, null, null);
        assertEquals("REPORT RequestId: id\tDuration: 2.89 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB"
                + "\tMax Memory Used: 39 MB\t", line);
        assertFalse(line.contains("Init"));
    }

    @Test
    void reportTimeout() {
        String line = LogLines.report("id", 3000.0, 128, 39, null, "timeout", null);
        assertEquals("REPORT RequestId: id\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB"
                + "\tMax Memory Used: 39 MB\tStatus: timeout\t", line);
        assertTrue(line.endsWith("Status: timeout\t"));
    }

    @Test
    void reportTimeoutWithInitDurationPutsStatusLast() {
        assertEquals("REPORT RequestId: id\tDuration: 3000.00 ms\tBilled Duration: 3000 ms\tMemory Size: 128 MB"
                        + "\tMax Memory Used: 39 MB\tInit Duration: 170.07 ms\tStatus: timeout\t",
                LogLines.report("id", 3000.0, 128, 39, 170.07, "timeout", null));
    }

    @Test
    void reportErrorWithType() {
        String line = LogLines.report("id", 12.5, 3008, 3008, null, "error", "Runtime.ExitError");
        assertEquals("REPORT RequestId: id\tDuration: 12.50 ms\tBilled Duration: 13 ms\tMemory Size: 3008 MB"
                + "\tMax Memory Used: 3008 MB\tStatus: error\tError Type: Runtime.ExitError\t", line);
        assertTrue(line.endsWith("Status: error\tError Type: Runtime.ExitError\t"));
    }

    @ParameterizedTest
    @CsvSource({
            "2.01, 3",
            "3.00, 3",
            "2.891, 3",
            "0.0, 1",
            "0.001, 1",
            "0.5, 1",
            "1.0, 1",
            "1.0001, 2",
            "299999.3, 300000",
    })
    void billedDurationIsTheCeilingAndAtLeastOne(double duration, long billed) {
        assertEquals(billed, LogLines.billed(duration));
        assertTrue(LogLines.report("id", duration, 128, 1, null, null, null)
                .contains("\tBilled Duration: " + billed + " ms\t"));
    }

    @Test
    void durationHasTwoDecimals() {
        assertTrue(LogLines.report("id", 5, 128, 1, null, null, null).contains("\tDuration: 5.00 ms\t"));
        assertTrue(LogLines.report("id", 0.004, 128, 1, null, null, null).contains("\tDuration: 0.00 ms\t"));
    }

    @Test
    void durationsRoundAsTheFormatterDoes() {
        SplittableRandom random = new SplittableRandom(3);
        double[] ties = {0.005, 0.015, 0.125, 1.005, 2.675, 999.995, 123456.785, 0.0, 1e-7, -0.001, -1.5};
        for (double v : ties) {
            assertEquals(String.format(Locale.ROOT, "%.2f", v), LogLines.ms(v), v + "");
        }
        for (int i = 0; i < 200_000; i++) {
            double v = i % 2 == 0 ? random.nextLong(0, 900_000_000_000L) / 1_000_000.0
                    : random.nextLong(0, 100_000_000) / 1000.0 + 0.005;
            assertEquals(String.format(Locale.ROOT, "%.2f", v), LogLines.ms(v), v + "");
        }
    }

    @Test
    void initReport() {
        assertEquals("INIT_REPORT Init Duration: 12.35 ms\tPhase: init\tStatus: error\tError Type: Runtime.ExitError",
                LogLines.initReport(12.3456, "init", "error", "Runtime.ExitError"));
    }

    @Test
    void initReportWithoutErrorType() {
        assertEquals("INIT_REPORT Init Duration: 10000.00 ms\tPhase: invoke\tStatus: timeout",
                LogLines.initReport(10000, "invoke", "timeout", null));
    }

    @Test
    void timedOut() {
        assertEquals("Task timed out after 3.00 seconds", LogLines.timedOut(3));
        assertEquals("Task timed out after 900.00 seconds", LogLines.timedOut(900));
        assertEquals("Task timed out after 0.50 seconds", LogLines.timedOut(0.5));
    }

    @Test
    void initStart() {
        assertEquals("INIT_START Runtime Version: python:3.12.v40\tRuntime Version ARN: "
                        + "arn:aws:lambda:us-east-1::runtime:abc",
                LogLines.initStart("python:3.12.v40", "arn:aws:lambda:us-east-1::runtime:abc"));
    }

    @Test
    void numbersIgnoreTheDefaultLocale() {
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertEquals("REPORT RequestId: id\tDuration: 2.89 ms\tBilled Duration: 3 ms\tMemory Size: 128 MB"
                            + "\tMax Memory Used: 39 MB\tInit Duration: 170.07 ms\t",
                    LogLines.report("id", 2.891, 128, 39, 170.07, null, null));
            assertEquals("Task timed out after 3.00 seconds", LogLines.timedOut(3));
            assertTrue(LogLines.initReport(1.5, "init", "error", null).contains("1.50 ms"));
        } finally {
            Locale.setDefault(saved);
        }
    }
}
