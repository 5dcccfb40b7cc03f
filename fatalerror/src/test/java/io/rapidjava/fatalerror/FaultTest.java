package io.rapidjava.fatalerror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;

class FaultTest {

    private static final Fault FAULT = Fault.of(ErrorType.RUNTIME_EXIT_ERROR, "Runtime exited with error: exit status 1");

    @Test
    void messageForARequestCarriesTheRequestId() {
        assertEquals("RequestId: abc Error: Runtime exited with error: exit status 1", FAULT.messageFor("abc"));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void messageWithoutARequestHasOnlyTheErrorPrefix(String requestId) {
        assertEquals("Error: Runtime exited with error: exit status 1", FAULT.messageFor(requestId));
    }

    @Test
    void ofKeepsTypeAndMessage() {
        Fault f = Fault.of(ErrorType.SANDBOX_FAILURE, "boom");
        assertEquals(ErrorType.SANDBOX_FAILURE, f.type());
        assertEquals("boom", f.message());
        assertEquals(new Fault(ErrorType.SANDBOX_FAILURE, "boom"), f);
    }

    @Test
    void nullsAreRejected() {
        assertThrows(NullPointerException.class, () -> Fault.of(null, "x"));
        assertThrows(NullPointerException.class, () -> Fault.of(ErrorType.SANDBOX_FAILURE, null));
    }

    @Test
    void runtimeExitWithZeroGivesNoReason() {
        Fault f = Fault.runtimeExit(ExitStatus.exited(0));
        assertEquals(ErrorType.RUNTIME_EXIT_ERROR, f.type());
        assertEquals("Runtime exited without providing a reason", f.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|0|Runtime exited with error: exit status 1",
            "3|0|Runtime exited with error: exit status 3",
            "127|0|Runtime exited with error: exit status 127",
            "128|0|Runtime exited with error: exit status 128",
            "130|0|Runtime exited with error: exit status 130",
            "137|0|Runtime exited with error: exit status 137",
            "255|0|Runtime exited with error: exit status 255",
            "-1|9|Runtime exited with error: signal: killed",
            "-1|15|Runtime exited with error: signal: terminated",
            "-1|6|Runtime exited with error: signal: aborted",
            "-1|11|Runtime exited with error: signal: segmentation fault",
            "-1|2|Runtime exited with error: signal: interrupt",
    })
    void runtimeExitTexts(int code, int signal, String message) {
        Fault f = Fault.runtimeExit(new ExitStatus(code, signal));
        assertEquals(ErrorType.RUNTIME_EXIT_ERROR, f.type());
        assertEquals(message, f.message());
    }

    @Test
    void runtimeExitRenderedForAnInvoke() {
        assertEquals("RequestId: r-1 Error: Runtime exited with error: signal: killed",
                Fault.runtimeExit(ExitStatus.killedBy(9)).messageFor("r-1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0|exit status 0",
            "2|0|exit status 2",
            "137|0|exit status 137",
            "-1|9|signal: killed",
            "-1|15|signal: terminated",
    })
    void exitText(int code, int signal, String text) {
        assertEquals(text, Fault.exitText(new ExitStatus(code, signal)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|0|exit code 0",
            "2|0|exit status 2",
            "137|0|exit status 137",
            "-1|9|signal: killed",
    })
    void extensionCrashNamesTheExtensionAndHowItEnded(int code, int signal, String how) {
        Fault f = Fault.extensionCrash("my-ext", new ExitStatus(code, signal));
        assertEquals(ErrorType.EXTENSION_CRASH, f.type());
        assertTrue(f.message().contains("my-ext"), f.message());
        assertTrue(f.message().endsWith(how), f.message());
    }
}
