package io.rapidjava.tests.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One raw HTTP/1.1 connection to the daemon, for requests no well-behaved client sends (no Host, cut or malformed
 * bodies, stalls) and for what client libraries hide (trailers, an answer cut mid-body, a connection the daemon
 * closes). I/O failures are unchecked; a read waits at most 20 s unless told otherwise.
 */
public final class RawHttp implements AutoCloseable {

    private static final Duration READ_DEADLINE = Duration.ofSeconds(20);

    /**
     * An answer as read. Header and trailer names are lower-case; {@code cut} when the connection ended before the
     * body did.
     */
    public record Answer(int status, Map<String, String> headers, byte[] bytes, Map<String, String> trailers,
                         boolean cut) {

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String body() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + headers + " <" + body() + "> trailers " + trailers + (cut ? " (cut)" : "");
        }
    }

    private final Socket socket;
    private final InputStream in;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    public static RawHttp connect(int port) {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return over(s);
    }

    /** Speaks over a socket that is already connected. */
    public static RawHttp over(Socket connected) {
        try {
            return new RawHttp(connected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A well-formed invoke of {@code body}. */
    public static String invokeRequest(String body) {
        return "POST " + Daemon.INVOKE_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
    }

    public RawHttp send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) {
        try {
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Answer read() {
        return read(READ_DEADLINE);
    }

    /**
     * Reads one answer, waiting at most {@code within} for each read: a body of {@code Content-Length} bytes, a
     * chunked one with its trailers, or, with neither, up to EOF.
     */
    public Answer read(Duration within) {
        try {
            socket.setSoTimeout((int) within.toMillis());
            String statusLine = line();
            if (statusLine == null) {
                throw new UncheckedIOException(new IOException("connection closed before an answer"));
            }
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            Map<String, String> headers = fields();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            Map<String, String> trailers = new LinkedHashMap<>();
            boolean cut = false;
            try {
                if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                    cut = !chunks(body, trailers);
                } else if (headers.containsKey("content-length")) {
                    cut = !copy(Long.parseLong(headers.get("content-length")), body);
                } else {
                    body.write(in.readAllBytes());
                }
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                cut = true;
            }
            return new Answer(status, headers, body.toByteArray(), trailers, cut);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the daemon closes the connection within {@code within} (a read returns EOF or the peer resets it). */
    public boolean closedWithin(Duration within) {
        try {
            socket.setSoTimeout((int) within.toMillis());
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Reads a chunked body and its trailers; false when it ended early. */
    private boolean chunks(ByteArrayOutputStream body, Map<String, String> trailers) throws IOException {
        while (true) {
            String size = line();
            if (size == null) {
                return false;
            }
            int n = Integer.parseInt(size.trim(), 16);
            if (n == 0) {
                trailers.putAll(fields());
                return true;
            }
            if (!copy(n, body)) {
                return false;
            }
            line();
        }
    }

    private boolean copy(long n, ByteArrayOutputStream to) throws IOException {
        byte[] buf = new byte[8192];
        while (n > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, n));
            if (r < 0) {
                return false;
            }
            to.write(buf, 0, r);
            n -= r;
        }
        return true;
    }

    private Map<String, String> fields() throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String l = line(); l != null && !l.isEmpty(); l = line()) {
            int colon = l.indexOf(':');
            fields.put(l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
        return fields;
    }

    private String line() throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String s = buf.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            buf.write(b);
        }
        return buf.size() == 0 ? null : buf.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }
}
