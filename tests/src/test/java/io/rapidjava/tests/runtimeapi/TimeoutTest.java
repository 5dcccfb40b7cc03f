package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static io.rapidjava.tests.runtimeapi.Rt.assertUnhandled;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract item 7: AWS_LAMBDA_FUNCTION_TIMEOUT=1 and a handler that sleeps 5 s → {@code Sandbox.Timedout} JSON
 * within a few seconds, the timeout log line, END and a REPORT with {@code Status: timeout}; the next invoke
 * re-initialises and succeeds.
 */
@Timeout(60)
class TimeoutTest {

    @Test
    void timeoutIsSandboxTimedoutThenReinitialises(@TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line ids.log "$REQUEST_ID"
                  if [ ! -e "$HERE/slept-once" ]; then
                    : > "$HERE/slept-once"
                    sleep 5
                  fi
                  respond "done:$REQUEST_ID" "text/plain"
                done
                """);
        try (Daemon d = Rt.daemon().env("AWS_LAMBDA_FUNCTION_TIMEOUT", "1").command(bootstrap.toString()).start()) {
            long t0 = System.nanoTime();
            HttpResponse<String> r = d.invoke("{\"sleep\":5}");
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertUnhandled(r);
            String id = Rt.loggedLines(d, dir.resolve("ids.log"), 1).getFirst();
            Json.assertErrorBody(r.body(), "Sandbox.Timedout",
                    "RequestId: " + id + " Error: Task timed out after 1.00 seconds");
            assertTrue(ms < 4000, () -> "timeout answered after " + ms + " ms");

            d.awaitStdout(l -> l.endsWith(id + " Task timed out after 1.00 seconds"), WAIT);
            d.awaitStdout(l -> l.equals("END RequestId: " + id), WAIT);
            String report = d.awaitStdout(l -> l.startsWith("REPORT RequestId: " + id + "\t"), WAIT);
            assertTrue(report.contains("Status: timeout"), () -> "REPORT line: " + report);

            HttpResponse<String> again = d.invoke("{\"sleep\":0}");
            assertSuccess(again);
            List<String> ids = Rt.loggedLines(d, dir.resolve("ids.log"), 2);
            assertEquals("done:" + ids.get(1), again.body());
            // the first init and the re-initialisation after the timeout
            d.awaitStdoutCount(l -> l.startsWith("INIT_START"), 2, WAIT);
        }
    }
}
