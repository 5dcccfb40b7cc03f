package io.rapidjava.fatalerror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** Spec §4.1: the sanitizer for runtime-supplied error types, anchored as in real Lambda. */
class ErrorTypeTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "Runtime.Foo",
            "Function.Foo",
            "Runtime.HandlerNotFound",
            "Runtime.ImportModuleError",
            "Runtime.UserCodeSyntaxError",
            "Function.MyCustomError",
            "Runtime.Xy",
            "Function.Unknown",
            "Runtime.Unknown",
            "Runtime.ExitError",
            "Function.ABC",
    })
    void wellFormedRuntimeAndFunctionTypesAreKeptVerbatim(String header) {
        assertEquals(header, ErrorType.fromRuntime(header).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "MyError.Runtime.Foo",      // the emulator keeps this (unanchored); real Lambda does not
            "MyCustomError",
            "MyCustomError.Error",
            "Unhandled",
            "Runtime.Foo.Bar",
            "Runtime.foo",
            "Runtime.X",                // needs at least two letters after the dot
            "Runtime.Foo1",
            "Runtime.Foo-Bar",
            "Runtime.",
            "Runtime",
            " Runtime.Foo",
            "Runtime.Foo ",
            "Runtime.Foo\n",
            "xRuntime.Foo",
            "runtime.Foo",
            "function.Foo",             // prefix check is case-sensitive
            "Sandbox.Failure",
            "Extension.Crash",
            "Error: Runtime.Foo",
    })
    void everythingElseBecomesRuntimeUnknown(String header) {
        assertEquals(ErrorType.RUNTIME_UNKNOWN, ErrorType.fromRuntime(header));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void nullAndEmptyBecomeRuntimeUnknown(String header) {
        assertEquals(ErrorType.RUNTIME_UNKNOWN, ErrorType.fromRuntime(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Function.",
            "Function.F",
            "Function.foo",
            "Function.Foo.Bar",
            "Function.Foo_Bar",
            "Function.Foo1",
            "Function.Foo ",
            "Function.Runtime.Foo",
            "Function.Éclair",
            "Function.Foo\n",
    })
    void otherFunctionPrefixedStringsBecomeFunctionUnknown(String header) {
        assertEquals(ErrorType.FUNCTION_UNKNOWN, ErrorType.fromRuntime(header));
    }

    @Test
    void sanitizedTypeEqualsConstantByValue() {
        assertEquals(ErrorType.RUNTIME_EXIT_ERROR, ErrorType.fromRuntime("Runtime.ExitError"));
        assertEquals(ErrorType.RUNTIME_EXIT_ERROR.hashCode(), ErrorType.fromRuntime("Runtime.ExitError").hashCode());
    }

    @ParameterizedTest
    @CsvSource({
            "Runtime.ExitError, Runtime",
            "Function.Unknown, Function",
            "Extension.Crash, Extension",
            "Sandbox.Failure, Sandbox",
            "Runtime.Foo.Bar, Runtime",
            "InvalidRequestID, InvalidRequestID",
    })
    void categoryIsTheTextBeforeTheFirstDot(String name, String category) {
        assertEquals(category, new ErrorType(name).category());
    }

    @Test
    void categoryOfEmptyNameIsEmpty() {
        assertEquals("", new ErrorType("").category());
    }

    @Test
    void toStringIsTheWireName() {
        assertEquals("Runtime.ExitError", ErrorType.RUNTIME_EXIT_ERROR.toString());
        assertEquals("Function.Foo", ErrorType.fromRuntime("Function.Foo").toString());
    }

    @Test
    void nullNameIsRejected() {
        assertThrows(NullPointerException.class, () -> new ErrorType(null));
    }

    @ParameterizedTest
    @CsvSource({
            "EXTENSION_INIT_ERROR, Extension.InitError",
            "EXTENSION_EXIT_ERROR, Extension.ExitError",
            "EXTENSION_CRASH, Extension.Crash",
            "EXTENSION_LAUNCH_ERROR, Extension.LaunchError",
            "RUNTIME_EXIT_ERROR, Runtime.ExitError",
            "RUNTIME_INVALID_ENTRYPOINT, Runtime.InvalidEntrypoint",
            "RUNTIME_INVALID_WORKING_DIR, Runtime.InvalidWorkingDir",
            "RUNTIME_TRUNCATED_RESPONSE, Runtime.TruncatedResponse",
            "RUNTIME_INVALID_RESPONSE_MODE_HEADER, Runtime.InvalidResponseModeHeader",
            "RUNTIME_UNKNOWN, Runtime.Unknown",
            "FUNCTION_RESPONSE_SIZE_TOO_LARGE, Function.ResponseSizeTooLarge",
            "FUNCTION_UNKNOWN, Function.Unknown",
            "SANDBOX_FAILURE, Sandbox.Failure",
            "SANDBOX_TIMEOUT, Sandbox.Timeout",
            "SANDBOX_TIMEDOUT, Sandbox.Timedout",
    })
    void constantsCarryTheSpecWireNames(String field, String wire) throws Exception {
        ErrorType type = (ErrorType) ErrorType.class.getField(field).get(null);
        assertEquals(wire, type.name());
    }

    @Test
    void unknownResultsAreTheSharedConstants() {
        assertSame(ErrorType.RUNTIME_UNKNOWN, ErrorType.fromRuntime("nope"));
        assertSame(ErrorType.FUNCTION_UNKNOWN, ErrorType.fromRuntime("Function.nope"));
    }
}
