package io.rapidjava.tests.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rapidjava.interop.PlatformEvent.LogLine;
import io.rapidjava.interop.PlatformEvent.ShutdownStart;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.interop.ShutdownSummary.ProcessEnd;
import io.rapidjava.rapid.junit.SandboxUnderTest;
import java.time.Duration;
import java.time.Instant;

/** What "the extension flushed before SHUTDOWN's deadline" means, for the bash and the Java extension alike. */
final class Flushed {

    private Flushed() {
    }

    /**
     * The extension logged {@code line} no later than the sandbox's (first) shutdown start plus the shutdown limit,
     * and exited 0 by itself: the sequence did not have to kill it.
     */
    static void assertWithinDeadline(SandboxUnderTest sandbox, String extension, ShutdownSummary summary,
                                     String line, Duration wait) {
        ShutdownStart start = sandbox.events().await(ShutdownStart.class, wait);
        LogLine flushed = sandbox.awaitLogLine(extension, line, wait);
        Instant deadline = start.time().plus(sandbox.config().shutdownTimeout());
        assertFalse(flushed.time().isAfter(deadline),
                () -> "flushed at " + flushed.time() + ", after the deadline " + deadline);
        ProcessEnd end = summary.processes().stream()
                .filter(p -> p.role().equals("extension") && p.name().equals(extension)).findFirst()
                .orElseThrow(() -> new AssertionError("no process end for " + extension + " in " + summary));
        assertEquals("exited", end.how(), () -> extension + ": " + end);
        assertEquals(0, end.code(), () -> extension + ": " + end);
    }
}
