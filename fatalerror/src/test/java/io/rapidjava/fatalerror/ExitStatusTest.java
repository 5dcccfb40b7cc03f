package io.rapidjava.fatalerror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An exit and a signal are told apart by how they were made, never by the size of a code. */
class ExitStatusTest {

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 42, 127, 128, 129, 130, 137, 139, 143, 192, 255})
    void everyCodeIsAnExitCode(int code) {
        ExitStatus status = ExitStatus.exited(code);
        assertFalse(status.signalled());
        assertEquals(code, status.code());
        assertEquals(0, status.signal());
        assertEquals(code == 0, status.clean());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 6, 9, 11, 15, 64})
    void aSignalHasNoCode(int signal) {
        ExitStatus status = ExitStatus.killedBy(signal);
        assertTrue(status.signalled());
        assertEquals(signal, status.signal());
        assertEquals(ExitStatus.NO_CODE, status.code());
        assertFalse(status.clean());
    }

    @Test
    void impossibleStatusesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> ExitStatus.exited(256));
        assertThrows(IllegalArgumentException.class, () -> ExitStatus.exited(-1));
        assertThrows(IllegalArgumentException.class, () -> ExitStatus.killedBy(-9));
        assertThrows(IllegalArgumentException.class, () -> new ExitStatus(137, 9));
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
        assertEquals(name, ExitStatus.killedBy(signal).signalName());
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
        assertEquals(name, ExitStatus.killedBy(signal).signalName());
    }

    @Test
    void unnamedSignalsAreNumbered() {
        // Go: Signal.String() of a signal outside the table is "signal <n>".
        assertEquals("signal 34", ExitStatus.killedBy(34).signalName());
        assertEquals("signal 64", ExitStatus.killedBy(64).signalName());
    }
}
