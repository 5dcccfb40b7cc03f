package io.rapidjava.rapid.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.interop.InvokeRequest;
import io.rapidjava.interop.InvokeResult;
import io.rapidjava.interop.Payload;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformEvent.InitReport;
import io.rapidjava.interop.PlatformEvent.InitStart;
import io.rapidjava.interop.PlatformEvent.LogLine;
import io.rapidjava.interop.PlatformListener;
import io.rapidjava.interop.Sandbox;
import io.rapidjava.interop.SandboxConfig;
import io.rapidjava.interop.SandboxRefusal;
import io.rapidjava.interop.SandboxStatus;
import io.rapidjava.interop.Shutdown;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.rapid.embed.EmbeddedSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The handle's own work (recording from the start, init outcome, cleanup, blocking calls) over a scripted sandbox. */
class SandboxUnderTestTest {

    @TempDir
    Path src;

    private ExtensionsDir extensions;
    private final SandboxConfig config = EmbeddedSandbox.defaults(List.of("/fn/bootstrap"));

    @BeforeEach
    void extensionsDir() throws IOException {
        extensions = ExtensionsDir.prepare(List.of(Files.writeString(src.resolve("audit-log"), "")));
    }

    /** A sandbox whose init emits what it is given and ends with {@code report}; it answers invokes with "ok". */
    static final class Scripted implements Sandbox {
        final List<PlatformListener> listeners = new CopyOnWriteArrayList<>();
        final List<PlatformEvent> initEvents;
        final InitReport report;
        CompletionStage<InvokeResult> answer;
        Shutdown shutdownAsked;
        boolean stopped;

        Scripted(InitReport report, PlatformEvent... initEvents) {
            this.report = report;
            this.initEvents = List.of(initEvents);
        }

        private void emit(PlatformEvent e) {
            listeners.forEach(l -> l.on(e));
        }

        @Override
        public CompletionStage<InitReport> init() {
            initEvents.forEach(this::emit);
            emit(report);
            return CompletableFuture.completedFuture(report);
        }

        @Override
        public CompletionStage<InvokeResult> invoke(InvokeRequest request) {
            return answer != null ? answer : CompletableFuture.completedFuture(new InvokeResult(request.requestId(),
                    InvokeResult.Outcome.SUCCESS, 200, null, "text/plain", Payload.of("ok"), null));
        }

        @Override
        public CompletionStage<ShutdownSummary> reset(String reason) {
            return CompletableFuture.completedFuture(new ShutdownSummary(reason, 1, List.of()));
        }

        @Override
        public CompletionStage<ShutdownSummary> shutdown(Shutdown shutdown) {
            shutdownAsked = shutdown;
            return CompletableFuture.completedFuture(new ShutdownSummary(shutdown.reason(), 1, List.of()));
        }

        @Override
        public CompletionStage<SandboxStatus> status() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Subscription subscribe(PlatformListener listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }

    private static InitReport report(String status, String errorType) {
        return new InitReport(PlatformEvent.now(), "init", 3.5, status, errorType);
    }

    private SandboxUnderTest start(Scripted sandbox) {
        return SandboxUnderTest.start(config, extensions,
                c -> new SandboxUnderTest.Launched(sandbox, () -> "127.0.0.1:1234", () -> sandbox.stopped = true));
    }

    @Test
    void recordsFromTheFirstEventDrivesTheSandboxAndCleansUpWhenClosed() {
        Scripted sandbox = new Scripted(report("success", null),
                new InitStart(PlatformEvent.now(), "init", "rapid-java", null));
        SandboxUnderTest handle = start(sandbox);

        assertEquals(List.of(InitStart.class, InitReport.class),
                handle.events().all().stream().map(Object::getClass).toList());
        InvokeResult result = handle.invoke("{}");
        assertEquals("ok", handle.text(result));
        assertEquals("spindown", handle.shutdown().reason());
        assertEquals(new Shutdown("spindown", config.shutdownTimeout()), sandbox.shutdownAsked);
        assertEquals("127.0.0.1:1234", handle.runtimeApi());
        assertSame(sandbox, handle.sandbox());

        handle.close();
        assertTrue(sandbox.stopped);
        assertTrue(sandbox.listeners.isEmpty());
        assertFalse(Files.exists(extensions.path()));
    }

    @Test
    void aFailedInitClosesEverythingAndSaysWhy() {
        Scripted sandbox = new Scripted(report("error", "Runtime.ExitError"),
                new LogLine(PlatformEvent.now(), "function", null, null, "no configuration"));
        AssertionError e = assertThrows(AssertionError.class, () -> start(sandbox));

        assertTrue(e.getMessage().startsWith("the sandbox did not start: INIT error (Runtime.ExitError)"),
                e.getMessage());
        assertTrue(e.getMessage().contains("extensions: audit-log"), e.getMessage());
        assertTrue(e.getMessage().contains("[function] no configuration"), e.getMessage());
        assertTrue(sandbox.stopped);
        assertTrue(sandbox.listeners.isEmpty());
        assertFalse(Files.exists(extensions.path()));
    }

    @Test
    void aLaunchThatFailsLeavesNoExtensionsDirectory() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SandboxUnderTest.start(config,
                extensions, c -> {
                    throw new IllegalStateException("port in use");
                }));
        assertEquals("port in use", e.getMessage());
        assertFalse(Files.exists(extensions.path()));
    }

    @Test
    void aRefusalReachesTheTestAsItIs() {
        Scripted sandbox = new Scripted(report("success", null));
        SandboxUnderTest handle = start(sandbox);
        SandboxRefusal refusal = new SandboxRefusal("Sandbox.ShuttingDown", "shutting down");
        sandbox.answer = CompletableFuture.failedFuture(refusal);

        assertSame(refusal, assertThrows(SandboxRefusal.class, () -> handle.invoke("{}")));
        handle.close();
    }

    @Test
    void extensionLinesAreTheirsByName() {
        Scripted sandbox = new Scripted(report("success", null),
                new LogLine(PlatformEvent.now(), "extension", "audit-log", null, "registered"),
                new LogLine(PlatformEvent.now(), "extension", "other", null, "registered"),
                new LogLine(PlatformEvent.now(), "function", null, null, "handling"));
        SandboxUnderTest handle = start(sandbox);

        assertEquals(List.of("registered"), handle.logLines("audit-log").stream().map(LogLine::text).toList());
        assertEquals(List.of("handling"), handle.functionLogLines().stream().map(LogLine::text).toList());
        assertEquals("registered", handle.awaitLogLine("audit-log", "regis", Duration.ZERO).text());
        AssertionError e = assertThrows(AssertionError.class,
                () -> handle.awaitLogLine("audit-log", "flushed", Duration.ZERO));
        assertTrue(e.getMessage().startsWith("extension audit-log wrote no line containing 'flushed' within PT0S;"
                + " its lines: [registered]"), e.getMessage());
        handle.close();
    }
}
