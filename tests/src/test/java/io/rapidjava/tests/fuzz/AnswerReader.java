package io.rapidjava.tests.fuzz;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads HTTP/1.x answers off a socket strictly, against one deadline for the whole exchange. */
final class AnswerReader {

    /** The daemon wrote something that is not an HTTP/1.x answer. */
    static class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /** The connection closed inside an answer's body (its length said more was coming). */
    static final class Cut extends Malformed {
        Cut(String message) {
            super(message);
        }
    }

    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.[01] (\\d{3})(?: .*)?");
    private static final int MAX_HEAD = 64 * 1024;
    private static final int BODY_KEPT = 300;

    private final Socket socket;
    private final InputStream in;
    private final long deadlineNanos;
    private final byte[] buf = new byte[16 * 1024];
    private int pos;
    private int lim;

    AnswerReader(Socket socket, long deadlineNanos) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.deadlineNanos = deadlineNanos;
    }

    /** The next answer to a request of {@code method}, or null when the daemon closed cleanly before one. */
    Answer next(String method) throws IOException {
        if (!fill()) {
            return null;
        }
        StringBuilder head = new StringBuilder();
        String statusLine = line(head);
        Matcher m = STATUS_LINE.matcher(statusLine);
        if (!m.matches()) {
            throw new Malformed("status line <" + Bytes.render(statusLine) + ">");
        }
        int status = Integer.parseInt(m.group(1));
        long length = -1;
        boolean chunked = false;
        boolean close = false;
        String line;
        while (!(line = line(head)).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new Malformed("header line <" + Bytes.render(line) + ">");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> length = parseLength(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "connection" -> close = value.equalsIgnoreCase("close");
                default -> { }
            }
        }
        StringBuilder body = new StringBuilder();
        boolean bodiless = method.equals("HEAD") || status / 100 == 1 || status == 204 || status == 304;
        if (bodiless) {
            return new Answer(status, head.toString(), "");
        }
        if (chunked) {
            readChunks(body);
        } else if (length >= 0) {
            skip(length, body);
        } else if (close || statusLine.startsWith("HTTP/1.0")) {
            while (fill()) {
                keep(body, buf[pos++]);
            }
        } else {
            throw new Malformed("keep-alive answer without a length: " + Bytes.render(head.toString()));
        }
        return new Answer(status, head.toString(), body.toString());
    }

    private void readChunks(StringBuilder body) throws IOException {
        StringBuilder ignored = new StringBuilder();
        while (true) {
            String size = line(ignored);
            int semi = size.indexOf(';');
            long n;
            try {
                n = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
            } catch (NumberFormatException e) {
                throw new Malformed("chunk size <" + Bytes.render(size) + ">");
            }
            if (n == 0) {
                while (!line(ignored).isEmpty()) {
                    // trailers
                }
                return;
            }
            skip(n, body);
            if (!line(ignored).isEmpty()) {
                throw new Malformed("no CRLF after a chunk");
            }
        }
    }

    private static long parseLength(String value) throws Malformed {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Malformed("Content-Length <" + Bytes.render(value) + ">");
        }
    }

    private void skip(long n, StringBuilder body) throws IOException {
        for (long i = 0; i < n; i++) {
            if (!fill()) {
                throw new Cut("closed after " + i + " of " + n + " body bytes");
            }
            keep(body, buf[pos++]);
        }
    }

    private static void keep(StringBuilder body, byte b) {
        if (body.length() < BODY_KEPT) {
            body.append((char) (b & 0xff));
        }
    }

    private String line(StringBuilder head) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!fill()) {
                throw new Malformed("closed inside an answer's head: " + Bytes.render(head + sb.toString()));
            }
            byte b = buf[pos++];
            head.append((char) (b & 0xff));
            if (b == '\n') {
                int l = sb.length();
                return l > 0 && sb.charAt(l - 1) == '\r' ? sb.substring(0, l - 1) : sb.toString();
            }
            if (head.length() > MAX_HEAD) {
                throw new Malformed("answer head over " + MAX_HEAD + " bytes");
            }
            sb.append((char) (b & 0xff));
        }
    }

    /** True when a byte is available; false on a clean end of stream. */
    private boolean fill() throws IOException {
        if (pos < lim) {
            return true;
        }
        long left = (deadlineNanos - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("deadline");
        }
        socket.setSoTimeout((int) left);
        int n = in.read(buf);
        if (n <= 0) {
            return false;
        }
        pos = 0;
        lim = n;
        return true;
    }
}
