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
        Fault f = Fault.runtimeExit(ExitStatus.fromJdk(0));
        assertEquals(ErrorType.RUNTIME_EXIT_ERROR, f.type());
        assertEquals("Runtime exited without providing a reason", f.message());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "1|Runtime exited with error: exit status 1",
            "3|Runtime exited with error: exit status 3",
            "127|Runtime exited with error: exit status 127",
            "128|Runtime exited with error: exit status 128",
            "137|Runtime exited with error: signal: killed",
            "143|Runtime exited with error: signal: terminated",
            "134|Runtime exited with error: signal: aborted",
            "139|Runtime exited with error: signal: segmentation fault",
            "130|Runtime exited with error: signal: interrupt",
            "255|Runtime exited with error: exit status 255",
    })
    void runtimeExitTexts(int jdkValue, String message) {
        Fault f = Fault.runtimeExit(ExitStatus.fromJdk(jdkValue));
        assertEquals(ErrorType.RUNTIME_EXIT_ERROR, f.type());
        assertEquals(message, f.message());
    }

    @Test
    void runtimeExitRenderedForAnInvoke() {
        assertEquals("RequestId: r-1 Error: Runtime exited with error: signal: killed",
                Fault.runtimeExit(ExitStatus.fromJdk(137)).messageFor("r-1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|exit status 0",
            "2|exit status 2",
            "137|signal: killed",
            "143|signal: terminated",
    })
    void exitText(int jdkValue, String text) {
        assertEquals(text, Fault.exitText(ExitStatus.fromJdk(jdkValue)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0|exit code 0",
            "2|exit status 2",
            "137|signal: killed",
    })
    void extensionCrashNamesTheExtensionAndHowItEnded(int jdkValue, String how) {
        Fault f = Fault.extensionCrash("my-ext", ExitStatus.fromJdk(jdkValue));
        assertEquals(ErrorType.EXTENSION_CRASH, f.type());
        assertTrue(f.message().contains("my-ext"), f.message());
        assertTrue(f.message().endsWith(how), f.message());
    }
}
