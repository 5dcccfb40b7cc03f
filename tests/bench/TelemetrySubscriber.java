import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * The telemetry phase's subscriber (JDK only): an external extension that listens on loopback, subscribes to the
 * Telemetry API during its init and counts what it is sent. Run from a bash wrapper in the extensions dir as
 * {@code TelemetrySubscriber <statusFile> <keep-up|stalled> <types,...> <maxItems> <maxBytes> <timeoutMs>}.
 *
 * <p>It registers for SHUTDOWN only, so that it is never part of an invoke: what the bench sees is the cost of the
 * delivery, not of an extension's round trip. Once it has tried to subscribe it writes the status file (lines
 * {@code key value}: its port and pid, the register and subscribe statuses, the subscribe answer's body), so the
 * bench never waits on a refusal. {@code keep-up} answers every batch at once; {@code stalled} accepts each POST and
 * neither reads it nor answers. {@code GET /counts} answers the counts so far ({@code ?reset} zeroes them).
 */
public final class TelemetrySubscriber {
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final boolean stalled;
    private final Map<String, Long> types = new TreeMap<>();
    private long posts, batches, bytes, malformed, functionFirstBatch;
    private long functionFirstMicros, functionLastMicros;

    private TelemetrySubscriber(boolean stalled) {
        this.stalled = stalled;
    }

    public static void main(String[] args) throws Exception {
        Path statusFile = Path.of(args[0]);
        TelemetrySubscriber subscriber = new TelemetrySubscriber(args[1].equals("stalled"));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        // virtual threads: a stalled POST parks one, and /counts still answers
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", subscriber::onBatch);
        server.createContext("/counts", subscriber::onCounts);
        server.start();
        int port = server.getAddress().getPort();

        String base = "http://" + System.getenv("AWS_LAMBDA_RUNTIME_API");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CALL_TIMEOUT).build();
        HttpResponse<String> reg = http.send(HttpRequest.newBuilder(URI.create(base + "/2020-01-01/extension/register"))
                .timeout(CALL_TIMEOUT).header("Lambda-Extension-Name", "telemetry-subscriber")
                .POST(HttpRequest.BodyPublishers.ofString("{\"events\":[\"SHUTDOWN\"]}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String id = reg.headers().firstValue("Lambda-Extension-Identifier").orElse("");
        HttpResponse<String> sub = null;
        if (reg.statusCode() == 200) {
            String types = "\"" + String.join("\",\"", args[2].split(",")) + "\"";
            String body = "{\"schemaVersion\":\"2022-12-13\",\"destination\":{\"protocol\":\"HTTP\",\"URI\":"
                    + "\"http://sandbox.localdomain:" + port + "\"},\"types\":[" + types + "],\"buffering\":"
                    + "{\"maxItems\":" + args[3] + ",\"maxBytes\":" + args[4] + ",\"timeoutMs\":" + args[5] + "}}";
            sub = http.send(HttpRequest.newBuilder(URI.create(base + "/2022-07-01/telemetry")).timeout(CALL_TIMEOUT)
                    .header("Lambda-Extension-Identifier", id).PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        String status = "port " + port + "\npid " + ProcessHandle.current().pid() + "\nregister " + reg.statusCode()
                + "\nsubscribe " + (sub == null ? "-" : sub.statusCode()) + "\nsubscribe_body "
                + (sub == null ? reg.body() : sub.body()).replaceAll("\\s+", " ") + "\n";
        Path tmp = statusFile.resolveSibling(statusFile.getFileName() + ".tmp");
        Files.writeString(tmp, status);
        Files.move(tmp, statusFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        if (reg.statusCode() != 200) {
            System.exit(1);
        }
        while (true) {
            HttpResponse<String> next = http.send(
                    HttpRequest.newBuilder(URI.create(base + "/2020-01-01/extension/event/next"))
                            .header("Lambda-Extension-Identifier", id).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (next.statusCode() != 200 || next.body().contains("\"SHUTDOWN\"")) {
                System.exit(0);
            }
        }
    }

    private void onBatch(HttpExchange ex) throws IOException {
        synchronized (this) {
            posts++;
        }
        if (stalled) {
            try {
                Thread.sleep(Duration.ofDays(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return;
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        long now = micros(Instant.now());
        Map<String, Long> counted = new TreeMap<>();
        boolean ok = Batch.count(body, counted);
        synchronized (this) {
            batches++;
            bytes += body.length;
            if (!ok) {
                malformed++;
            }
            counted.forEach((type, n) -> types.merge(type, n, Long::sum));
            Long functions = counted.get("function");
            if (functions != null) {
                if (functionFirstMicros == 0) {
                    functionFirstMicros = now;
                    functionFirstBatch = functions;
                }
                functionLastMicros = now;
            }
        }
        ex.sendResponseHeaders(200, -1);
        ex.close();
    }

    private void onCounts(HttpExchange ex) throws IOException {
        StringBuilder sb = new StringBuilder();
        synchronized (this) {
            sb.append("posts ").append(posts).append("\nbatches ").append(batches).append("\nbytes ").append(bytes)
                    .append("\nmalformed ").append(malformed).append("\nfunction_first_batch ")
                    .append(functionFirstBatch).append("\nfunction_first_us ").append(functionFirstMicros)
                    .append("\nfunction_last_us ").append(functionLastMicros).append('\n');
            types.forEach((type, n) -> sb.append("type.").append(type).append(' ').append(n).append('\n'));
            if ("reset".equals(ex.getRequestURI().getQuery())) {
                types.clear();
                posts = batches = bytes = malformed = functionFirstBatch = functionFirstMicros = functionLastMicros = 0;
            }
        }
        byte[] out = sb.toString().getBytes(StandardCharsets.US_ASCII);
        ex.sendResponseHeaders(200, out.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(out);
        }
    }

    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000;
    }

    /** Counts a batch's envelopes (a JSON array of objects) by their {@code type}, skipping everything else. */
    static final class Batch {
        private final byte[] b;
        private int i;

        private Batch(byte[] b) {
            this.b = b;
        }

        /** False when the batch is not an array of objects with string types (what was counted stays counted). */
        static boolean count(byte[] body, Map<String, Long> into) {
            Batch p = new Batch(body);
            try {
                p.expect('[');
                if (p.peek() == ']') {
                    return true;
                }
                do {
                    p.expect('{');
                    String type = null;
                    if (p.peek() != '}') {
                        do {
                            int key = p.string();
                            boolean isType = p.i - key == 6 && p.matches(key, "\"type\"");
                            p.expect(':');
                            if (isType) {
                                int start = p.string();
                                type = new String(body, start + 1, p.i - start - 2, StandardCharsets.UTF_8);
                            } else {
                                p.value();
                            }
                        } while (p.comma('}'));
                    } else {
                        p.i++;
                    }
                    if (type == null) {
                        return false;
                    }
                    into.merge(type, 1L, Long::sum);
                } while (p.comma(']'));
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }

        private boolean matches(int at, String s) {
            for (int k = 0; k < s.length(); k++) {
                if (b[at + k] != s.charAt(k)) {
                    return false;
                }
            }
            return true;
        }

        private void ws() {
            while (b[i] == ' ' || b[i] == '\n' || b[i] == '\r' || b[i] == '\t') {
                i++;
            }
        }

        private byte peek() {
            ws();
            return b[i];
        }

        private void expect(char c) {
            if (peek() != c) {
                throw new IllegalStateException("expected " + c + " at " + i);
            }
            i++;
        }

        /** After a member or an element: true on a comma, false on the closing bracket. */
        private boolean comma(char close) {
            byte c = peek();
            i++;
            if (c == ',') {
                return true;
            }
            if (c == close) {
                return false;
            }
            throw new IllegalStateException("expected , or " + close + " at " + (i - 1));
        }

        /** Skips a string, quotes included; returns where it started (the opening quote). */
        private int string() {
            ws();
            int start = i;
            if (b[i++] != '"') {
                throw new IllegalStateException("expected a string at " + start);
            }
            while (b[i] != '"') {
                i += b[i] == '\\' ? 2 : 1;
            }
            i++;
            return start;
        }

        private void value() {
            byte c = peek();
            if (c == '"') {
                string();
            } else if (c == '{' || c == '[') {
                int depth = 0;
                do {
                    c = b[i];
                    if (c == '"') {
                        string();
                        continue;
                    }
                    if (c == '{' || c == '[') {
                        depth++;
                    } else if (c == '}' || c == ']') {
                        depth--;
                    }
                    i++;
                } while (depth > 0);
            } else {
                while (b[i] != ',' && b[i] != '}' && b[i] != ']') {
                    i++;
                }
            }
        }
    }
}
