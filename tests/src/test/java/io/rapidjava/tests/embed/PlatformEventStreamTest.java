package io.rapidjava.tests.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.interop.InvokeResult;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.rapid.junit.RapidSandbox;
import io.rapidjava.rapid.junit.SandboxUnderTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The one platform event stream, as a listener sees it: every lifecycle moment once, in order, with its data. */
@Timeout(120)
@RapidSandbox(bootstrap = "src/test/resources/embed/function/bootstrap",
        extensions = "src/test/resources/embed/extensions/audit-log",
        perTest = true, shutdownTimeoutMillis = 5000)
class PlatformEventStreamTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aColdInvokeAndAShutdownInOrder(SandboxUnderTest sandbox) {
        InvokeResult result = sandbox.invoke("{\"name\":\"events\"}");
        String id = result.requestId();
        sandbox.events().await(PlatformEvent.InvokeReport.class, r -> r.requestId().equals(id), WAIT);
        ShutdownSummary summary = sandbox.shutdown();
        sandbox.events().await(PlatformEvent.ShutdownReport.class, WAIT);

        List<Class<?>> lifecycle = sandbox.events().all().stream()
                .filter(e -> !(e instanceof PlatformEvent.LogLine)).<Class<?>>map(Object::getClass).toList();
        assertEquals(List.of(PlatformEvent.InitStart.class, PlatformEvent.ExtensionRegistered.class,
                PlatformEvent.InitRuntimeDone.class, PlatformEvent.InitReport.class, PlatformEvent.InvokeStart.class,
                PlatformEvent.InvokeRuntimeDone.class, PlatformEvent.InvokeReport.class,
                PlatformEvent.ShutdownStart.class, PlatformEvent.ShutdownReport.class), lifecycle);

        PlatformEvent.InitRuntimeDone initDone = sandbox.events().await(PlatformEvent.InitRuntimeDone.class, WAIT);
        assertEquals("init", initDone.phase());
        assertEquals("success", initDone.status());
        PlatformEvent.InvokeRuntimeDone done = sandbox.events().await(PlatformEvent.InvokeRuntimeDone.class, WAIT);
        assertEquals(id, done.requestId());
        assertEquals("success", done.status());
        assertNull(done.errorType());
        assertEquals("{\"greeting\":\"hello events\"}".length(), done.producedBytes());
        assertNotNull(done.responseLatencyMs());
        assertTrue(done.responseLatencyMs() >= 0 && done.responseDurationMs() >= 0);
        PlatformEvent.InvokeReport report = sandbox.events().await(PlatformEvent.InvokeReport.class, WAIT);
        assertEquals("success", report.status());
        assertEquals(PlatformEvent.InvokeReport.billed(report.durationMs()), report.billedDurationMs());
        assertEquals(3008, report.memorySizeMb());
        assertNotNull(report.initDurationMs(), "the first invoke after a start-up init carries its duration");
        PlatformEvent.ShutdownStart start = sandbox.events().await(PlatformEvent.ShutdownStart.class, WAIT);
        assertEquals("spindown", start.reason());
        assertEquals(summary.reason(), "spindown");
        assertEquals(List.of("runtime", "extension"),
                summary.processes().stream().map(ShutdownSummary.ProcessEnd::role).toList());
    }

    @Test
    void logLinesNameTheirSourceAndTheRunningInvoke(SandboxUnderTest sandbox) {
        String id = sandbox.invoke("{}").requestId();
        PlatformEvent.LogLine handling = sandbox.events().await(PlatformEvent.LogLine.class,
                l -> l.text().equals("handling request " + id), WAIT);
        assertEquals("function", handling.source());
        assertNull(handling.name());
        assertEquals(id, handling.requestId());
        PlatformEvent.LogLine audit = sandbox.awaitLogLine("audit-log", "INVOKE " + id, WAIT);
        assertEquals("extension", audit.source());
    }

    @Test
    void eventTimesAreInOrderAtMicrosecondPrecision(SandboxUnderTest sandbox) {
        sandbox.invoke("{}");
        sandbox.events().await(PlatformEvent.InvokeReport.class, WAIT);
        List<PlatformEvent> lifecycle = sandbox.events().all().stream()
                .filter(e -> !(e instanceof PlatformEvent.LogLine)).toList();
        for (int i = 1; i < lifecycle.size(); i++) {
            assertFalse(lifecycle.get(i).time().isBefore(lifecycle.get(i - 1).time()), lifecycle.toString());
        }
        lifecycle.forEach(e -> assertEquals(0, e.time().getNano() % 1000, e.toString()));
    }
}
