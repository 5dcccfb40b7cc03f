package io.rapidjava.tests.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.interop.InvokeResult;
import io.rapidjava.interop.PlatformEvent.ExtensionRegistered;
import io.rapidjava.interop.PlatformEvent.InvokeReport;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.rapid.junit.RapidSandbox;
import io.rapidjava.rapid.junit.SandboxUnderTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JUnit extension used as the author of a bash extension would use it: a fresh sandbox per test with the
 * {@code audit-log} extension, asserting on what it logged and on how it ended.
 */
@Timeout(120)
@RapidSandbox(bootstrap = "src/test/resources/embed/function/bootstrap",
        extensions = "src/test/resources/embed/extensions/audit-log",
        perTest = true, shutdownTimeoutMillis = 5000)
class BashAuditLogTest {

    static final String EXTENSION = "audit-log";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theExtensionGotInvokeForThisRequestId(SandboxUnderTest sandbox) {
        ExtensionRegistered registered = sandbox.events().await(ExtensionRegistered.class,
                e -> e.name().equals(EXTENSION), WAIT);
        assertEquals(List.of("INVOKE", "SHUTDOWN"), registered.events());

        InvokeResult result = sandbox.invoke("{\"name\":\"audit\"}");

        assertEquals(InvokeResult.Outcome.SUCCESS, result.outcome());
        assertEquals("{\"greeting\":\"hello audit\"}", sandbox.text(result));
        sandbox.awaitLogLine(EXTENSION, "INVOKE " + result.requestId(), WAIT);
        sandbox.events().await(InvokeReport.class, r -> r.requestId().equals(result.requestId()), WAIT);
    }

    @Test
    void theExtensionFlushedBeforeShutdownsDeadline(SandboxUnderTest sandbox) {
        String requestId = sandbox.invoke("{}").requestId();
        sandbox.awaitLogLine(EXTENSION, "INVOKE " + requestId, WAIT);

        ShutdownSummary summary = sandbox.shutdown();

        Flushed.assertWithinDeadline(sandbox, EXTENSION, summary, "flushed 1 record(s)", WAIT);
    }

    @Test
    void aResetShutsTheExtensionDownAndStartsItAgain(SandboxUnderTest sandbox) {
        ExtensionRegistered first = sandbox.events().await(ExtensionRegistered.class,
                e -> e.name().equals(EXTENSION), WAIT);
        String before = sandbox.invoke("{}").requestId();
        sandbox.awaitLogLine(EXTENSION, "INVOKE " + before, WAIT);

        ShutdownSummary summary = sandbox.reset();

        Flushed.assertWithinDeadline(sandbox, EXTENSION, summary, "flushed 1 record(s)", WAIT);
        String after = sandbox.invoke("{}").requestId();
        sandbox.events().await(ExtensionRegistered.class,
                e -> e.name().equals(EXTENSION) && e.time().isAfter(first.time()), WAIT);
        sandbox.awaitLogLine(EXTENSION, "INVOKE " + after, WAIT);
    }
}
