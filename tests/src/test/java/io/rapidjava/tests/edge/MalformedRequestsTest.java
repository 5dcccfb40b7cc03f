package io.rapidjava.tests.edge;

import io.rapidjava.tests.support.RawHttp;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9 item 4: a client's malformed request gets a clean 4xx and costs the daemon's stderr nothing (it used to
 * print java.util.logging's multi-line {@code SEVERE: Unhandled exception in router} with a stack trace).
 */
@Timeout(60)
class MalformedRequestsTest {

    private static final String REGISTER = "POST /2020-01-01/extension/register HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Lambda-Extension-Name: flood\r\n";

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        daemon = Edge.daemon().command(Edge.echoRuntime(dir, "0").toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static RawHttp.Answer ask(int port, String request) {
        try (RawHttp c = RawHttp.connect(port)) {
            return c.send(request).read();
        }
    }

    private static void assertCleanStderr() {
        Edge.assertNoTraces(daemon);
        assertTrue(daemon.stderr().stream().noneMatch(l -> l.contains("Exception") || l.contains("Unhandled")),
                daemon::describe);
    }

    @Test
    void missingHostIsGosBadRequestAndTheConnectionCloses() {
        for (int port : new int[] {daemon.invokePort(), daemon.runtimeApiPort()}) {
            try (RawHttp c = RawHttp.connect(port)) {
                RawHttp.Answer a = c.send("GET /2018-06-01/ping HTTP/1.1\r\n\r\n").read();
                assertEquals(400, a.status(), a::toString);
                assertEquals("400 Bad Request: missing required Host header", a.body());
                assertEquals("text/plain; charset=utf-8", a.headers().get("content-type"));
                assertTrue(c.closedWithin(Edge.WAIT), "connection closed after the 400");
            }
        }
        RawHttp.Answer malformed = ask(daemon.runtimeApiPort(), "GET /2018-06-01/ping HTTP/1.1\r\nHost: a b\r\n\r\n");
        assertEquals(400, malformed.status());
        assertEquals("400 Bad Request: malformed Host header", malformed.body());
        // HTTP/1.0 needs no Host.
        RawHttp.Answer old = ask(daemon.runtimeApiPort(), "GET /2018-06-01/ping HTTP/1.0\r\n\r\n");
        assertEquals(200, old.status(), old::toString);
        assertEquals("pong", old.body());
        Edge.assertInvokeWorks(daemon);
        assertCleanStderr();
    }

    @Test
    void brokenRequestsGetA4xx() {
        String bigHeader = "GET /2018-06-01/ping HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(20_000) + "\r\n\r\n";
        for (String request : new String[] {
            "GET ?x HTTP/1.1\r\nHost: x\r\n\r\n",
            "GARBAGE\r\n\r\n",
            bigHeader,
            "\u0016\u0003\u0001\u0000\u00a5\u0001\u0000\u0000\u00a1\u0003\u0003" + "\u0000".repeat(64) + "\r\n\r\n",
            "GET /2018-06-01/ping HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n"}) {
            for (int port : new int[] {daemon.invokePort(), daemon.runtimeApiPort()}) {
                RawHttp.Answer a = ask(port, request);
                assertTrue(a.status() >= 400 && a.status() < 500, () -> request.substring(0, 20) + " -> " + a);
            }
        }
        RawHttp.Answer chunks = ask(daemon.runtimeApiPort(), REGISTER
                + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n");
        assertEquals(400, chunks.status(), chunks::toString);
        assertTrue(chunks.body().contains("\"errorType\":\"InvalidRequestFormat\""), chunks::toString);
        Edge.assertInvokeWorks(daemon);
        assertCleanStderr();
    }

    @Test
    void registerBodyDeclaredOverTheLimitIs413() {
        RawHttp.Answer a = ask(daemon.runtimeApiPort(), REGISTER + "Content-Length: 209715200\r\n\r\n{");
        assertEquals(413, a.status(), a::toString);
        assertEquals("{\"errorMessage\":\"Exceeded maximum allowed payload size (1048576 bytes).\","
                + "\"errorType\":\"RequestEntityTooLarge\"}\n", a.body());
        assertCleanStderr();
    }

    @Test
    void chunkedRegisterFloodIsCutShort() throws Exception {
        AtomicLong sent = new AtomicLong();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", daemon.runtimeApiPort()), 5000);
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write((REGISTER + "Transfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'a');
            byte[] frame = concat(("10000\r\n").getBytes(StandardCharsets.ISO_8859_1), chunk, "\r\n".getBytes());
            // Sends up to 200 MB on its own thread; stops at the first failed write (the daemon closed the socket).
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    while (sent.get() < 200L << 20) {
                        out.write(frame);
                        sent.addAndGet(chunk.length);
                    }
                } catch (IOException closed) {
                    // expected once the daemon has answered and closed
                }
            });
            byte[] head = s.getInputStream().readNBytes(12);
            assertEquals("HTTP/1.1 413", new String(head, StandardCharsets.ISO_8859_1));
            s.shutdownInput();
            writer.join(20_000);
            assertTrue(!writer.isAlive(), "the daemon stopped reading");
            assertTrue(sent.get() < 100L << 20, () -> "cut short, after " + sent.get() + " bytes");
        }
        Edge.assertInvokeWorks(daemon);
        assertCleanStderr();
    }

    @Test
    void registerBodyIsJsonWhateverItsContentTypeSays() {
        // once init is done registration is closed: that answer shows the body was read as JSON
        daemon.awaitStderr(l -> l.contains("INIT REPORT"), Edge.WAIT);
        RawHttp.Answer form = ask(daemon.runtimeApiPort(), REGISTER + "Content-Type: multipart/form-data; boundary=\r\n"
                + "Content-Length: 21\r\n\r\n{\"events\":[\"INVOKE\"]}");
        assertEquals(403, form.status(), form::toString);
        assertTrue(form.body().contains("\"errorType\":\"Extension.RegistrationClosed\""), form::toString);
        RawHttp.Answer urlencoded = ask(daemon.runtimeApiPort(), REGISTER
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 5\r\n\r\na=%zz");
        assertEquals(403, urlencoded.status(), urlencoded::toString);
        assertTrue(urlencoded.body().contains("\"errorType\":\"InvalidRequestFormat\""), urlencoded::toString);
        assertCleanStderr();
    }

    @Test
    void versionsAreJudgedAsGoDoesAndAnsweredInHttp11() throws Exception {
        for (int port : new int[] {daemon.invokePort(), daemon.runtimeApiPort()}) {
            // the invoke port has no /ping: its 404 shows the request was served all the same
            String served = port == daemon.runtimeApiPort() ? "HTTP/1.1 200 OK" : "HTTP/1.1 404 Not Found";
            assertEquals(served, statusLine(port, "GET /2018-06-01/ping HTTP/1.2\r\nHost: h\r\n\r\n"),
                    "any HTTP/1.x is served as 1.1");
            assertEquals("HTTP/1.1 505 HTTP Version Not Supported",
                    statusLine(port, "GET /2018-06-01/ping HTTP/2.0\r\nHost: h\r\n\r\n"));
            assertEquals("HTTP/1.1 505 HTTP Version Not Supported",
                    statusLine(port, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"));
            String head = everything(port, "HEAD /2018-06-01/ping HTTP/2.0\r\nHost: h\r\n\r\n");
            assertTrue(head.startsWith("HTTP/1.1 505 HTTP Version Not Supported\r\n") && head.endsWith("\r\n\r\n"),
                    () -> "the answer to a HEAD has no body: " + head);
            assertEquals("HTTP/1.1 400 Bad Request", statusLine(port, "GET /2018-06-01/ping )TTP/1.1\r\nHost: h\r\n\r\n"));
            assertEquals("HTTP/1.1 400 Bad Request", statusLine(port, "GET /2018-06-01/ping%zz HTTP/1.1\r\nHost: h\r\n\r\n"),
                    "an invalid escape in the path");
        }
        Edge.assertInvokeWorks(daemon);
        assertCleanStderr();
    }

    private static String statusLine(int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            StringBuilder line = new StringBuilder();
            for (int c = s.getInputStream().read(); c >= 0 && c != '\n'; c = s.getInputStream().read()) {
                line.append((char) c);
            }
            return line.toString().strip();
        }
    }

    /** All the daemon writes until it closes the connection. */
    private static String everything(int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] all = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return all;
    }
}
