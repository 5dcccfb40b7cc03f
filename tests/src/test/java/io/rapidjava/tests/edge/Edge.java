package io.rapidjava.tests.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the edge tests share: an echo runtime, a daemon with defaults, and the checks on stderr. */
final class Edge {

    static final java.time.Duration WAIT = java.time.Duration.ofSeconds(20);

    private Edge() {
    }

    /** A builder with the test machine's Lambda variables removed. */
    static Daemon.Builder daemon() {
        return Daemon.builder().cleanLambdaEnv();
    }

    /** A runtime answering {@code ok:<event>}, after {@code delaySeconds} (bash's sleep syntax). */
    static Path echoRuntime(Path dir, String delaySeconds) {
        return Scripts.runtime(dir, "bootstrap", """
                while next; do
                  sleep %s
                  respond "ok:$EVENT" "text/plain"
                done
                """.formatted(delaySeconds));
    }

    static void assertInvokeWorks(Daemon d) {
        HttpResponse<String> r = d.invoke("{\"after\":1}");
        assertEquals(200, r.statusCode(), () -> "invoke: " + r.body() + "\n" + d.describe());
        assertEquals("ok:{\"after\":1}", r.body(), d::describe);
    }

    /** No stack trace and no java.util.logging record in the daemon's stderr. */
    static void assertNoTraces(Daemon d) {
        for (String line : d.stderr()) {
            assertTrue(!line.startsWith("\tat ") && !line.contains("SEVERE") && !line.contains("Exception in thread")
                    && !line.startsWith("Caused by"), () -> "stack trace or JUL record on stderr: " + line + "\n"
                    + d.describe());
        }
    }

    static long stderrCount(Daemon d, String text) {
        return d.stderr().stream().filter(l -> l.contains(text)).count();
    }

    /** Opens {@code n} TCP connections to {@code port} (they need not be accepted yet). */
    static List<Socket> open(int port, int n) {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                sockets.add(new Socket("127.0.0.1", port));
            }
        } catch (IOException e) {
            closeAll(sockets);
            throw new UncheckedIOException("opened " + sockets.size() + " of " + n, e);
        }
        return sockets;
    }

    static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }
}
