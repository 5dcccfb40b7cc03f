import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * A fast Lambda runtime for the benchmark (JDK only): one raw socket with HTTP/1.1 keep-alive to
 * $AWS_LAMBDA_RUNTIME_API, looping GET next -> POST response with the event echoed back.
 *
 * <p>An event whose body starts with the 6 bytes {@code STREAM} is answered in streaming mode: the chunk
 * {@code first} at once, then after 50 ms the chunk {@code second}, then the terminating chunk, so that the
 * invoker can measure time to first and last byte. An event that starts with {@code CRASH} makes it exit with
 * status 1 mid-invoke (the soak's crash/re-init cycles). An event {@code CHATTY <lines> <bytes>} makes it print
 * that many log lines of that many bytes (newline included) to stdout as fast as it can before it echoes the event
 * (the telemetry phase's log source). An event {@code SLEEP <ms> ...} is echoed after that many milliseconds (the
 * concurrent phase's function). With {@code AWS_LAMBDA_MAX_CONCURRENCY=N} it runs N such loops on N threads, each
 * with its own connection: the concurrent mode's workers. Exits when the connection to the daemon fails.
 */
public final class EchoRuntime {
    static final byte[] STREAM = "STREAM".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CRASH = "CRASH".getBytes(StandardCharsets.US_ASCII);
    static final byte[] CHATTY = "CHATTY ".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SLEEP = "SLEEP ".getBytes(StandardCharsets.US_ASCII);
    static final byte[] FIRST = "first".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SECOND = "second".getBytes(StandardCharsets.US_ASCII);

    private final String hostPort;
    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    /** Stdout without System.out's per-line locking and flushing: the chatty lines go out in 64 KiB writes. */
    private final OutputStream log = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16);
    private long logged;

    private EchoRuntime(String hostPort) {
        this.hostPort = hostPort;
        int colon = hostPort.lastIndexOf(':');
        this.host = hostPort.substring(0, colon);
        this.port = Integer.parseInt(hostPort.substring(colon + 1));
    }

    public static void main(String[] args) {
        String api = System.getenv("AWS_LAMBDA_RUNTIME_API");
        if (api == null || api.isEmpty()) {
            System.err.println("EchoRuntime: AWS_LAMBDA_RUNTIME_API not set");
            System.exit(2);
        }
        String workers = System.getenv("AWS_LAMBDA_MAX_CONCURRENCY");
        int n = workers == null || workers.isEmpty() ? 1 : Integer.parseInt(workers);
        for (int i = 1; i < n; i++) {
            Thread.ofPlatform().name("worker-" + i).start(() -> run(api));
        }
        run(api);
    }

    private static void run(String api) {
        try {
            new EchoRuntime(api).loop();
        } catch (IOException | RuntimeException e) {
            // daemon gone (or protocol error): exit quietly
            System.exit(0);
        }
    }

    private void connect() throws IOException {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
            }
        }
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5000);
        in = new BufferedInputStream(socket.getInputStream(), 1 << 16);
        out = socket.getOutputStream();
    }

    private void loop() throws IOException, RuntimeException {
        connect();
        while (true) {
            out.write(("GET /2018-06-01/runtime/invocation/next HTTP/1.1\r\nHost: " + hostPort + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Response next = Response.read(in);
            if (next.status != 200 || next.requestId == null) {
                throw new IOException("next: status " + next.status);
            }
            if (next.close) {
                connect();
            }
            String path = "/2018-06-01/runtime/invocation/" + next.requestId + "/response";
            byte[] event = next.body;
            if (startsWith(event, CRASH)) {
                System.exit(1);
            }
            if (startsWith(event, SLEEP)) {
                sleep(Long.parseLong(new String(event, StandardCharsets.US_ASCII).split(" ")[1]));
            }
            if (startsWith(event, CHATTY)) {
                chatter(new String(event, StandardCharsets.US_ASCII).split(" "));
            }
            if (startsWith(event, STREAM)) {
                String head = "POST " + path + " HTTP/1.1\r\nHost: " + hostPort + "\r\n"
                        + "Lambda-Runtime-Function-Response-Mode: streaming\r\n"
                        + "Transfer-Encoding: chunked\r\nContent-Type: application/octet-stream\r\n\r\n";
                out.write(concat(head.getBytes(StandardCharsets.US_ASCII), chunk(FIRST)));
                out.flush();
                sleep(50);
                out.write(concat(chunk(SECOND), "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
                out.flush();
            } else {
                String head = "POST " + path + " HTTP/1.1\r\nHost: " + hostPort + "\r\nContent-Length: "
                        + event.length + "\r\nContent-Type: application/json\r\n\r\n";
                byte[] h = head.getBytes(StandardCharsets.US_ASCII);
                if (event.length <= 64 * 1024) {
                    out.write(concat(h, event));
                } else {
                    out.write(h);
                    out.write(event);
                }
                out.flush();
            }
            Response posted = Response.read(in);
            if (posted.status / 100 != 2) {
                System.err.println("EchoRuntime: response POST answered " + posted.status);
            }
            if (posted.close) {
                connect();
            }
        }
    }

    /**
     * Prints {@code args[1]} lines of {@code args[2]} bytes, each numbered so that a reader can tell them apart; at
     * most {@code args[3]} lines a second when given (0: flat out).
     */
    private void chatter(String[] args) throws IOException {
        int lines = Integer.parseInt(args[1]);
        int bytes = Math.max(24, Integer.parseInt(args[2]));
        long rate = args.length > 3 ? Long.parseLong(args[3]) : 0;
        long start = System.nanoTime();
        byte[] line = new byte[bytes];
        Arrays.fill(line, (byte) 'x');
        line[bytes - 1] = '\n';
        for (int i = 0; i < lines; i++) {
            if (rate > 0 && i % 500 == 0) {
                long due = start + i * 1_000_000_000L / rate;
                if (due > System.nanoTime()) {
                    log.flush();
                    while (due > System.nanoTime()) {
                        LockSupport.parkNanos(due - System.nanoTime());
                    }
                }
            }
            byte[] head = ("chatty " + logged++ + " ").getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(head, 0, line, 0, head.length);
            log.write(line);
        }
        log.flush();
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean startsWith(byte[] a, byte[] prefix) {
        if (a.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (a[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] chunk(byte[] data) {
        return concat(concat((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII), data),
                "\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] r = new byte[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    /** A minimally parsed HTTP/1.1 response: status, the request id header, and the body. */
    static final class Response {
        int status;
        String requestId;
        boolean close;
        byte[] body;

        static Response read(InputStream in) throws IOException {
            Response r = new Response();
            String statusLine = readLine(in);
            if (statusLine == null) {
                throw new IOException("connection closed");
            }
            int sp = statusLine.indexOf(' ');
            r.status = Integer.parseInt(statusLine.substring(sp + 1, sp + 4));
            long length = -1;
            boolean chunked = false;
            String line;
            while ((line = readLine(in)) != null && !line.isEmpty()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = line.substring(0, colon).trim().toLowerCase();
                String value = line.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase().contains("chunked");
                    case "lambda-runtime-aws-request-id" -> r.requestId = value;
                    case "connection" -> r.close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            if (line == null) {
                throw new IOException("connection closed in headers");
            }
            if (chunked) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                while (true) {
                    String size = readLine(in);
                    if (size == null) {
                        throw new IOException("connection closed in chunk");
                    }
                    int semi = size.indexOf(';');
                    int n = Integer.parseInt((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
                    if (n == 0) {
                        String trailer;
                        while ((trailer = readLine(in)) != null && !trailer.isEmpty()) {
                            // skip trailers
                        }
                        break;
                    }
                    body.write(readFully(in, n));
                    readLine(in);
                }
                r.body = body.toByteArray();
            } else if (length >= 0) {
                r.body = readFully(in, (int) length);
            } else {
                r.body = new byte[0];
            }
            return r;
        }

        static byte[] readFully(InputStream in, int n) throws IOException {
            byte[] b = in.readNBytes(n);
            if (b.length != n) {
                throw new IOException("connection closed in body");
            }
            return b;
        }

        static String readLine(InputStream in) throws IOException {
            StringBuilder sb = new StringBuilder(64);
            int c;
            while ((c = in.read()) != -1) {
                if (c == '\n') {
                    int len = sb.length();
                    if (len > 0 && sb.charAt(len - 1) == '\r') {
                        sb.setLength(len - 1);
                    }
                    return sb.toString();
                }
                sb.append((char) c);
            }
            return sb.isEmpty() ? null : sb.toString();
        }
    }
}
