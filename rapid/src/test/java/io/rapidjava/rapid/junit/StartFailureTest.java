package io.rapidjava.rapid.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformEvent.InitReport;
import io.rapidjava.interop.PlatformEvent.LogLine;
import io.rapidjava.rapid.embed.EmbeddedSandbox;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartFailureTest {

    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void saysTheInitOutcomeWhatRanAndItsLastOutput() {
        InitReport report = new InitReport(T, "init", 12.34, "error", "Extension.Crash");
        List<PlatformEvent> events = List.of(
                new PlatformEvent.InitStart(T, "init", "rapid-java", null),
                new LogLine(T, "extension", "audit-log", null, "cannot register"),
                new LogLine(T, "function", null, null, "starting"));
        assertEquals("""
                the sandbox did not start: INIT error (Extension.Crash) after 12.3 ms
                  bootstrap: /fn/bootstrap --debug
                  extensions: audit-log, telemetry
                  the last output:
                    [extension audit-log] cannot register
                    [function] starting""",
                StartFailure.describe(EmbeddedSandbox.defaults(List.of("/fn/bootstrap", "--debug")),
                        List.of("audit-log", "telemetry"), report, events));
    }

    @Test
    void saysSoWhenNothingWasWritten() {
        InitReport report = new InitReport(T, "init", 10000, "timeout", null);
        assertEquals("""
                the sandbox did not start: INIT timeout after 10000.0 ms
                  bootstrap: /fn/bootstrap
                  extensions: none
                  no output from the runtime or the extensions""",
                StartFailure.describe(EmbeddedSandbox.defaults(List.of("/fn/bootstrap")), List.of(), report,
                        List.of()));
    }
}
