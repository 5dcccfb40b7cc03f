package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An invoker that hangs up (while its invoke runs, or while it waits in the queue) loses only its own answer:
 * the runtime finishes, and the next invoker is served normally.
 */
@Timeout(60)
class InvokerGoneTest {

    @TempDir
    Path dir;

    @Test
    void invokersThatHangUpBreakNothingForTheNextOne() throws Exception {
        // Each event is logged; an event "block-N" waits for the file release-N before it is answered.
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  log_line events.log "$EVENT"
                  case "$EVENT" in
                    block-*) wait_for "release-${EVENT#block-}" ;;
                  esac
                  respond "done:$EVENT" "text/plain"
                done
                """);
        try (Daemon d = Rt.daemon().env("LOG_LEVEL", "debug").command(bootstrap.toString()).start()) {
            try (Socket running = send(d, "block-1")) {
                Await.lines(dir.resolve("events.log"), 1, WAIT, d::describe);
                try (Socket queued = send(d, "queued-2")) {
                    // separate connections: queued-2 must not overtake block-1, and must be queued before it hangs up
                    d.awaitStderrCount(l -> l.contains(" queued ("), 2, WAIT);
                }
                // Both hang up: the first while its invoke runs, the second while it waits in the queue.
            }
            d.awaitStderr(l -> l.contains("dropped: the invoker went away while it waited"), WAIT);
            Files.writeString(dir.resolve("release-1"), "");
            HttpResponse<String> next = d.invoke("after");
            assertSuccess(next);
            assertEquals("done:after", next.body());
            d.awaitStdout(l -> l.startsWith("REPORT"), WAIT);
            // The invoke whose invoker hung up in the queue never ran.
            assertEquals(java.util.List.of("block-1", "after"), Await.read(dir.resolve("events.log")).lines().toList());
        }
    }

    private static Socket send(Daemon d, String event) throws Exception {
        Socket s = new Socket("127.0.0.1", d.invokePort());
        OutputStream out = s.getOutputStream();
        out.write(("POST " + Daemon.INVOKE_PATH + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + event.length()
                + "\r\n\r\n" + event).getBytes(StandardCharsets.UTF_8));
        out.flush();
        return s;
    }
}
