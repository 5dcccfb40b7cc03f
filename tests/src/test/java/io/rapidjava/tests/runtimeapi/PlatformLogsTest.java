package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract item 16: platform log lines on stdout (INIT_START, START, END, REPORT in real Lambda's layout; Init
 * Duration only on the first invoke's REPORT) and the runtime's stdout and stderr lines on the daemon's stdout.
 */
@Timeout(60)
class PlatformLogsTest {

    private static Pattern report(String id) {
        return Pattern.compile("REPORT RequestId: " + Pattern.quote(id)
                + "\tDuration: \\d+\\.\\d\\d ms\tBilled Duration: \\d+ ms\tMemory Size: 3008 MB"
                + "\tMax Memory Used: \\d+ MB\t(Init Duration: \\d+\\.\\d\\d ms\t)?");
    }

    @Test
    void startEndReportAndRuntimeOutput(@TempDir Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                echo "runtime-init-stdout"
                echo "runtime-init-stderr" >&2
                while next; do
                  log_line ids.log "$REQUEST_ID"
                  echo "stdout-line-$REQUEST_ID"
                  echo "stderr-line-$REQUEST_ID" >&2
                  respond '"ok"'
                done
                """);
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            assertSuccess(d.invoke("{\"n\":1}"));
            assertSuccess(d.invoke("{\"n\":2}"));
            List<String> ids = Rt.loggedLines(d, dir.resolve("ids.log"), 2);

            String initStart = d.awaitStdout(l -> l.startsWith("INIT_START"), WAIT);
            assertTrue(initStart.startsWith("INIT_START Runtime Version: "), () -> "INIT_START line: " + initStart);
            d.awaitStdout(l -> l.equals("runtime-init-stdout"), WAIT);
            d.awaitStdout(l -> l.equals("runtime-init-stderr"), WAIT);

            Matcher[] reports = new Matcher[2];
            for (int i = 0; i < 2; i++) {
                String id = ids.get(i);
                Pattern rp = report(id);
                String reportLine = d.awaitStdout(l -> l.startsWith("REPORT RequestId: " + id), WAIT);
                d.awaitStdout(l -> l.equals("stdout-line-" + id), WAIT);
                d.awaitStdout(l -> l.equals("stderr-line-" + id), WAIT);
                Matcher m = rp.matcher(reportLine);
                assertTrue(m.matches(), () -> "REPORT line <" + reportLine.replace("\t", "\\t") + "> does not match "
                        + rp.pattern().replace("\t", "\\t"));
                reports[i] = m;

                List<String> out = d.stdout();
                int start = out.indexOf("START RequestId: " + id + " Version: $LATEST");
                int end = out.indexOf("END RequestId: " + id);
                int report = out.indexOf(reportLine);
                int fnOut = out.indexOf("stdout-line-" + id);
                int fnErr = out.indexOf("stderr-line-" + id);
                assertAll("order of the lines of invoke " + (i + 1) + "\n" + d.describe(),
                        () -> assertTrue(start >= 0, "START line"),
                        () -> assertTrue(end >= 0, "END line"),
                        () -> assertTrue(start < fnOut && fnOut < end, "function stdout between START and END"),
                        () -> assertTrue(start < fnErr && fnErr < end, "function stderr between START and END"),
                        () -> assertTrue(end < report, "END before REPORT"));
            }
            assertTrue(reports[0].group(1) != null, "the first invoke's REPORT has Init Duration");
            assertFalse(reports[1].group(1) != null, "the second invoke's REPORT has no Init Duration");
        }
    }
}
