package io.rapidjava.tests.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.interop.InvokeResult;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.rapid.junit.RapidSandbox;
import io.rapidjava.rapid.junit.SandboxUnderTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JUnit extension used as the author of a Java extension would use it: one sandbox for the class (the JVM's
 * start is paid once; the init limit leaves room for it on a loaded machine), the {@code java-audit-log} wrapper
 * as the extension.
 */
@Timeout(120)
@RapidSandbox(bootstrap = "src/test/resources/embed/function/bootstrap",
        extensions = "src/test/resources/embed/extensions/java-audit-log",
        initTimeoutMillis = 30_000, shutdownTimeoutMillis = 5000)
class JavaAuditLogTest {

    static final String EXTENSION = "java-audit-log";
    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theExtensionGotInvokeForEachRequestIdAndFlushedBeforeShutdownsDeadline(SandboxUnderTest sandbox) {
        for (String name : new String[] {"first", "second"}) {
            InvokeResult result = sandbox.invoke("{\"name\":\"" + name + "\"}");
            assertEquals("{\"greeting\":\"hello " + name + "\"}", sandbox.text(result));
            sandbox.awaitLogLine(EXTENSION, "INVOKE " + result.requestId(), WAIT);
        }

        ShutdownSummary summary = sandbox.shutdown();

        Flushed.assertWithinDeadline(sandbox, EXTENSION, summary, "flushed 2 record(s)", WAIT);
    }
}
