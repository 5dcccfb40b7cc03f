package io.rapidjava.tests.telemetry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where a subscriber receives its batches, with nothing but the JDK: an HTTP server (every request body is one
 * batch, a JSON array) or a TCP server (every newline-delimited JSON event is a batch of one), on 127.0.0.1 and a
 * port of the system's choosing. Each batch is appended to the batches file as one line, before the answer is sent.
 *
 * <p>A listener may be unwell on purpose ({@code stall}): {@code until:<file>} holds every request unanswered until
 * the file exists; {@code fail:<n>} answers the first n requests 500 (each counted as a line of
 * {@code <batches>.refused}); {@code reset:<n>} answers each request 200 and then resets its connection (a close
 * with linger 0, so the daemon's kept-alive connection gets an RST) for the first n, as a subscriber does that is
 * killed between two batches. Used in-process by {@link Subscriber} and on its own, by the bash subscriber:
 * {@code Listener <HTTP|TCP> <batches file> <port file> <stall>} writes the port to the port file and runs until its
 * parent process exits.
 */
public final class Listener {

    private static final Object APPENDING = new Object();

    private final Path batches;
    private final String stall;
    private final int port;
    private int refused;

    private Listener(Path batches, String stall, String protocol) throws IOException {
        this.batches = batches;
        this.stall = stall;
        this.port = protocol.equals("TCP") ? tcp() : stall.startsWith("reset:") ? resetting() : http();
    }

    /** Starts a listener of {@code protocol} (HTTP or TCP) writing to {@code batches}. */
    public static Listener start(String protocol, Path batches, String stall) throws IOException {
        return new Listener(batches, stall, protocol);
    }

    public int port() {
        return port;
    }

    /** Appends one line to {@code file}, whole, even when several threads append. */
    public static void append(Path file, String line) {
        synchronized (APPENDING) {
            try {
                Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private int http() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::receive);
        server.start();
        return server.getAddress().getPort();
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            awaitUnstalled();
            if (refuses()) {
                exchange.sendResponseHeaders(500, -1);
                return;
            }
            // a JSON text has newlines only between its tokens: one line per batch keeps it whole
            append(batches, body.replace('\n', ' ').replace('\r', ' '));
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private void awaitUnstalled() {
        if (!stall.startsWith("until:")) {
            return;
        }
        Path marker = Path.of(stall.substring("until:".length()));
        while (!Files.exists(marker)) {
            pause();
        }
    }

    private synchronized boolean refuses() {
        if (!stall.startsWith("fail:") || refused >= Integer.parseInt(stall.substring("fail:".length()))) {
            return false;
        }
        refused++;
        append(Path.of(batches + ".refused"), "500");
        return true;
    }

    private int resetting() throws IOException {
        int resets = Integer.parseInt(stall.substring("reset:".length()));
        ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try {
                    Socket connection = server.accept();
                    Thread.ofPlatform().daemon().start(() -> answerThenReset(connection, resets));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server.getLocalPort();
    }

    /** HTTP/1.1 by hand, as the daemon sends it: a request line, headers, a Content-Length body. */
    private void answerThenReset(Socket connection, int resets) {
        try (connection) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(connection.getInputStream()));
            OutputStream out = connection.getOutputStream();
            while (true) {
                int length = 0;
                String line = asciiLine(in);
                if (line == null) {
                    return;
                }
                for (String header; !(header = asciiLine(in)).isEmpty(); ) {
                    int colon = header.indexOf(':');
                    if (colon > 0 && header.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                        length = Integer.parseInt(header.substring(colon + 1).trim());
                    }
                }
                byte[] body = new byte[length];
                in.readFully(body);
                append(batches, new String(body, StandardCharsets.UTF_8).replace('\n', ' ').replace('\r', ' '));
                out.write("HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (resetOne(resets)) {
                    connection.setSoLinger(true, 0);
                    return;
                }
            }
        } catch (IOException e) {
            // the daemon closed the connection
        }
    }

    private synchronized boolean resetOne(int resets) {
        if (refused >= resets) {
            return false;
        }
        refused++;
        append(Path.of(batches + ".reset"), "RST");
        return true;
    }

    /** A CRLF-ended line, null at the end of the stream. */
    private static String asciiLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private int tcp() throws IOException {
        ServerSocket server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().start(() -> {
            while (true) {
                try {
                    Socket connection = server.accept();
                    Thread.ofPlatform().daemon().start(() -> readLines(connection));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server.getLocalPort();
    }

    private void readLines(Socket connection) {
        try (connection; BufferedReader in = new BufferedReader(
                new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.isBlank()) {
                    append(batches, "[" + line + "]");
                }
            }
        } catch (IOException e) {
            // the daemon closed the connection
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Listener listener = start(args[0], Path.of(args[1]), args[3]);
        Path portFile = Path.of(args[2]);
        Path tmp = portFile.resolveSibling("." + portFile.getFileName() + ".tmp");
        Files.writeString(tmp, Integer.toString(listener.port()));
        Files.move(tmp, portFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        ProcessHandle.current().parent().ifPresentOrElse(p -> p.onExit().join(), () -> { });
        System.exit(0);
    }
}
