package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Contract item 2: sequential invokes on one runtime process, each with its own request id. */
@Timeout(90)
class SequentialInvokesTest {

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line ids.log "$REQUEST_ID"
                  respond "$REQUEST_ID|$$|$EVENT" "text/plain"
                done
                """);
        daemon = Rt.daemon().command(bootstrap.toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static List<String> invokeMany(int n, String tag) {
        Set<String> ids = new HashSet<>();
        Set<String> pids = new HashSet<>();
        for (int i = 0; i < n; i++) {
            String event = "{\"" + tag + "\":" + i + "}";
            HttpResponse<String> r = daemon.invoke(event);
            assertSuccess(r);
            String[] parts = r.body().split("\\|", 3);
            assertEquals(3, parts.length, () -> "body " + r.body());
            Rt.assertUuid(parts[0]);
            assertEquals(event, parts[2], "event delivered to the runtime");
            assertTrue(ids.add(parts[0]), () -> "request id reused: " + parts[0]);
            pids.add(parts[1]);
        }
        assertEquals(1, pids.size(), () -> "one runtime process serves all invokes: " + pids);
        return List.copyOf(ids);
    }

    @Test
    void twoInvokesSucceedWithTheirOwnRequestIds() {
        assertEquals(2, invokeMany(2, "two").size());
    }

    @Test
    void fiftyInvokesSucceedWithTheirOwnRequestIds() {
        assertEquals(50, invokeMany(50, "fifty").size());
    }
}
