package io.rapidjava.fatalerror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The JDK reports a signalled child as 128 + signal; ExitStatus turns it back into Go's view. */
class ExitStatusTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 42, 127, 128})
    void codesUpTo128AreExitCodes(int value) {
        ExitStatus status = ExitStatus.fromJdk(value);
        assertFalse(status.signalled());
        assertEquals(value, status.code());
        assertEquals(0, status.signal());
    }

    @ParameterizedTest
    @CsvSource({
            "129, 1",
            "130, 2",
            "134, 6",
            "137, 9",
            "139, 11",
            "143, 15",
            "192, 64",
    })
    void codesAbove128AreSignals(int value, int signal) {
        ExitStatus status = ExitStatus.fromJdk(value);
        assertTrue(status.signalled());
        assertEquals(signal, status.signal());
    }

    @Test
    void valuesBeyondTheLastSignalStayExitCodes() {
        // Linux has signals 1..64; exit(255) is an ordinary exit status.
        ExitStatus status = ExitStatus.fromJdk(255);
        assertFalse(status.signalled());
        assertEquals(255, status.code());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|hangup",
            "2|interrupt",
            "3|quit",
            "4|illegal instruction",
            "5|trace/breakpoint trap",
            "6|aborted",
            "7|bus error",
            "8|floating point exception",
            "9|killed",
            "10|user defined signal 1",
            "11|segmentation fault",
            "12|user defined signal 2",
            "13|broken pipe",
            "14|alarm clock",
            "15|terminated",
    })
    void commonSignalNamesAreGos(int signal, String name) {
        assertEquals(name, new ExitStatus(128 + signal, signal).signalName());
    }

    /** Go's syscall signal table for Linux (zerrors_linux_amd64.go) names every signal up to 31. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "16|stack fault",
            "17|child exited",
            "18|continued",
            "19|stopped (signal)",
            "20|stopped",
            "21|stopped (tty input)",
            "22|stopped (tty output)",
            "23|urgent I/O condition",
            "24|CPU time limit exceeded",
            "25|file size limit exceeded",
            "26|virtual timer expired",
            "27|profiling timer expired",
            "28|window changed",
            "29|I/O possible",
            "30|power failure",
            "31|bad system call",
    })
    void remainingLinuxSignalNamesAreGos(int signal, String name) {
        assertEquals(name, new ExitStatus(128 + signal, signal).signalName());
    }

    @Test
    void unnamedSignalsAreNumbered() {
        // Go: Signal.String() of a signal outside the table is "signal <n>".
        assertEquals("signal 34", new ExitStatus(128 + 34, 34).signalName());
        assertEquals("signal 64", ExitStatus.fromJdk(192).signalName());
    }
}
