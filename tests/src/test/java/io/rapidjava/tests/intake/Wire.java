package io.rapidjava.tests.intake;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One raw HTTP/1.1 connection to the daemon, for requests no well-behaved client sends (cut bodies, bad chunks,
 * stalls) and for answers a client library hides (trailers, a connection cut mid-body).
 */
final class Wire implements AutoCloseable {

    /** An answer as read: {@code cut} when the connection ended before the body did. */
    record Answer(int status, Map<String, String> headers, byte[] body, Map<String, String> trailers, boolean cut) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + headers + " <" + text() + "> trailers " + trailers + (cut ? " (cut)" : "");
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Wire(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    static Wire open(int port) throws IOException {
        return new Wire(new Socket("127.0.0.1", port));
    }

    Wire send(String ascii) throws IOException {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    Wire send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Stops sending (the invoker is done, or gives up): half-closes the connection. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    /** Reads one answer, waiting at most {@code within} for each read. */
    Answer read(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        String status = line();
        if (status == null) {
            throw new IOException("connection closed before an answer");
        }
        int code = Integer.parseInt(status.split(" ")[1]);
        Map<String, String> headers = fields();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<String, String> trailers = new LinkedHashMap<>();
        boolean cut = false;
        try {
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                while (true) {
                    String size = line();
                    if (size == null) {
                        cut = true;
                        break;
                    }
                    int n = Integer.parseInt(size.trim(), 16);
                    if (n == 0) {
                        trailers.putAll(fields());
                        break;
                    }
                    cut = !copy(n, body);
                    if (cut) {
                        break;
                    }
                    line();
                }
            } else {
                long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
                cut = !copy(length, body);
            }
        } catch (IOException e) {
            if (e instanceof SocketTimeoutException) {
                throw e;
            }
            cut = true;
        }
        return new Answer(code, headers, body.toByteArray(), trailers, cut);
    }

    /** Whether the daemon closes this connection within {@code within} (nothing else arriving). */
    boolean closedByPeer(Duration within) throws IOException {
        socket.setSoTimeout((int) within.toMillis());
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
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
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
            }
            b.write(c);
        }
        return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
