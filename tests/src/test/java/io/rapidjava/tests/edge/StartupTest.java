package io.rapidjava.tests.edge;

import io.rapidjava.tests.support.RawHttp;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 5: the invoke port used to accept before its routes were installed, and answered 503 in that
 * window. Now it opens with the routes and the sandbox in place: an invoke sent the moment the port accepts
 * waits for init and succeeds.
 */
@Timeout(60)
class StartupTest {

    private static final int ROUNDS = 3;

    @Test
    void firstInvokeOnAFreshPortWaitsForInit(@TempDir Path dir) throws Exception {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                sleep 0.3
                while next; do
                  respond "ok:$EVENT" "text/plain"
                done
                """);
        for (int round = 0; round < ROUNDS; round++) {
            int port = freePort();
            CompletableFuture<RawHttp.Answer> first =
                    CompletableFuture.supplyAsync(() -> invokeAsSoonAsAccepted(port, "{\"first\":1}"));
            try (Daemon d = Edge.daemon().invokeAddress("127.0.0.1:" + port).command(bootstrap.toString()).start()) {
                RawHttp.Answer a = first.get(30, TimeUnit.SECONDS);
                assertEquals(200, a.status(), () -> a + "\n" + d.describe());
                assertEquals("ok:{\"first\":1}", a.body());
            }
        }
    }

    /** Connects as soon as the port accepts (retrying refusals with a 1 ms pause) and invokes on that connection. */
    private static RawHttp.Answer invokeAsSoonAsAccepted(int port, String event) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            } catch (ConnectException refused) {
                close(s);
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("port " + port + " never accepted");
                }
                pause();
                continue;
            } catch (IOException e) {
                close(s);
                throw new UncheckedIOException(e);
            }
            try (RawHttp c = RawHttp.over(s)) {
                return c.send(RawHttp.invokeRequest(event)).read();
            }
        }
    }

    private static void close(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // never connected
        }
    }

    private static void pause() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
