package io.rapidjava.tests.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large bodies the daemon refuses or has no route for are read and dropped, and their memory goes back at once: the
 * daemon reads a relayed body into direct buffers it reuses, and one such buffer left to the collector per chunk
 * of a refused body let a stream of them take the RSS up by the JVM's direct memory limit (64 MiB).
 */
@Timeout(120)
class RefusedBodiesMemoryTest {

    private static final int BODIES = 30;
    private static final int BODY_BYTES = 7_000_000;
    /** Far below what the buffers left to the collector took (+60 MiB), above the heap's own give (a few MiB). */
    private static final long MAX_GROWTH_KB = 24 * 1024;

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        daemon = Edge.daemon().command(Edge.echoRuntime(dir, "0").toString()).start();
        Edge.assertInvokeWorks(daemon);
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void bodiesOnAnUnknownPathCostNoLastingMemory() {
        assertGrowthBounded("/nope", 404);
    }

    @Test
    void refusedInvokeBodiesCostNoLastingMemory() {
        assertGrowthBounded("/2015-03-31/functions/function/invocations", 413);
    }

    private static void assertGrowthBounded(String path, int status) {
        long before = rssKb(daemon.pid());
        byte[] body = new byte[BODY_BYTES];
        Arrays.fill(body, (byte) 'a');
        for (int i = 0; i < BODIES; i++) {
            assertEquals(status, post(daemon.invokePort(), path, body), daemon::describe);
        }
        long grown = rssKb(daemon.pid()) - before;
        assertTrue(grown < MAX_GROWTH_KB, () -> BODIES + " bodies of " + BODY_BYTES + " bytes to " + path
                + " grew the RSS by " + grown + " kB\n" + daemon.describe());
        Edge.assertInvokeWorks(daemon);
    }

    /** Sends the whole body (no Expect: 100-continue), then reads the status of the answer. */
    private static int post(int port, String path, byte[] body) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] line = new byte[12];
            int n = 0;
            while (n < line.length) {
                int r = in.read(line, n, line.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
            String head = new String(line, 0, n, StandardCharsets.US_ASCII);
            return head.startsWith("HTTP/1.1 ") ? Integer.parseInt(head.substring(9, 12)) : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long rssKb(long pid) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (l.startsWith("VmRSS:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }
}
