package io.rapidjava.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetSocket;
import io.vertx.core.parsetools.RecordParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.function.IntUnaryOperator;

/** Extensions' listeners on 127.0.0.1:0, as real Vert.x servers: HTTP (answering as told) and TCP. */
final class Listeners {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Answers a POST by its number (from 1): the status, or {@link #HOLD} to leave it unanswered until released. */
    static final int HOLD = 0;

    private Listeners() {
    }

    static final class Http {
        final Received received = new Received();
        final List<String> hosts = new CopyOnWriteArrayList<>();
        final List<String> uris = new CopyOnWriteArrayList<>();
        final List<String> contentTypes = new CopyOnWriteArrayList<>();
        final CompletableFuture<Runnable> held = new CompletableFuture<>();
        /** The connections the daemon opened to it. */
        final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger posts = new AtomicInteger();
        private final IntUnaryOperator answer;
        private final boolean closing;
        private HttpServer server;

        private Http(IntUnaryOperator answer, boolean closing) {
            this.answer = answer;
            this.closing = closing;
        }

        int port() {
            return server.actualPort();
        }

        /** Answers the held POST with 200 (it then counts as received). */
        void release() throws Exception {
            held.get(10, TimeUnit.SECONDS).run();
        }

        private void handle(HttpServerRequest request) {
            request.body().onSuccess(body -> {
                hosts.add(request.getHeader("Host"));
                uris.add(request.uri());
                contentTypes.add(request.getHeader("Content-Type"));
                int status = answer.applyAsInt(posts.incrementAndGet());
                Runnable accept = () -> {
                    received.add(parse(body.getBytes()));
                    if (closing) {
                        request.response().putHeader("Connection", "close");
                    }
                    request.response().setStatusCode(200).end();
                };
                if (status == HOLD) {
                    held.complete(accept);
                } else if (status < 400) {
                    accept.run();
                } else {
                    request.response().setStatusCode(status).end();
                }
            });
        }
    }

    static Http http(Vertx vertx) throws Exception {
        return http(vertx, n -> 200);
    }

    static Http http(Vertx vertx, IntUnaryOperator answer) throws Exception {
        return http(vertx, answer, false);
    }

    /** {@code closing}: each answer says {@code Connection: close}, and the connection is closed after it. */
    static Http http(Vertx vertx, IntUnaryOperator answer, boolean closing) throws Exception {
        Http http = new Http(answer, closing);
        http.server = vertx.createHttpServer().connectionHandler(c -> http.connections.incrementAndGet())
                .requestHandler(http::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return http;
    }

    /**
     * A listener that writes its answers byte for byte, for the answers a Vert.x server would not give: it reads
     * each request (its head and a {@code Content-Length} body) and replies as {@code reply} says for the request's
     * number (from 1), on a thread per connection. Only a kept request counts as received.
     */
    static final class Raw implements AutoCloseable {
        /** What to write back ({@code null}: nothing, the connection is held open), whether it counts, and then close. */
        record Reply(String bytes, boolean kept, boolean close) {
        }

        final Received received = new Received();
        final AtomicInteger connections = new AtomicInteger();
        private final AtomicInteger requests = new AtomicInteger();
        private final IntFunction<Reply> reply;
        private final java.net.ServerSocket socket;
        private final List<java.net.Socket> open = new CopyOnWriteArrayList<>();

        Raw(IntFunction<Reply> reply) throws IOException {
            this.reply = reply;
            socket = new java.net.ServerSocket(0, 16, java.net.InetAddress.getLoopbackAddress());
            Thread.ofPlatform().daemon().start(this::accept);
        }

        /** An HTTP/1.0 server of the plainest kind (as Python's {@code http.server} answers by default). */
        static Raw http10() throws IOException {
            return new Raw(n -> new Reply("HTTP/1.0 200 OK\r\nServer: plain\r\n\r\n", true, true));
        }

        int port() {
            return socket.getLocalPort();
        }

        private void accept() {
            while (!socket.isClosed()) {
                try {
                    java.net.Socket s = socket.accept();
                    connections.incrementAndGet();
                    open.add(s);
                    Thread.ofPlatform().daemon().start(() -> serve(s));
                } catch (IOException e) {
                    // closed by the test
                }
            }
        }

        private void serve(java.net.Socket s) {
            try {
                var in = new java.io.DataInputStream(new java.io.BufferedInputStream(s.getInputStream()));
                while (true) {
                    int length = 0;
                    for (String line = headerLine(in); !line.isEmpty(); line = headerLine(in)) {
                        if (line.regionMatches(true, 0, "content-length:", 0, 15)) {
                            length = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                    byte[] body = new byte[length];
                    in.readFully(body);
                    Reply r = reply.apply(requests.incrementAndGet());
                    if (r.bytes() == null) {
                        return; // held open until the test closes it
                    }
                    if (r.kept()) {
                        received.add(parse(body));
                    }
                    s.getOutputStream().write(r.bytes().getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    if (r.close()) {
                        s.close();
                        return;
                    }
                }
            } catch (IOException e) {
                // the peer closed the connection, or the test closed the listener
            }
        }

        private static String headerLine(java.io.DataInputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new java.io.EOFException();
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            for (java.net.Socket s : open) {
                s.close();
            }
        }
    }

    /** A TCP listener: each newline-delimited envelope is a batch of one. */
    static final class Tcp {
        final Received received = new Received();
        private final CompletableFuture<NetSocket> connected = new CompletableFuture<>();
        private NetServer server;

        int port() {
            return server.actualPort();
        }

        /** Starts reading a listener made paused. */
        void resume() throws Exception {
            connected.get(10, TimeUnit.SECONDS).resume();
        }
    }

    static Tcp tcp(Vertx vertx) throws Exception {
        return tcp(vertx, false);
    }

    /** A paused listener reads nothing until resumed: its peer's writes back up. */
    static Tcp tcp(Vertx vertx, boolean paused) throws Exception {
        Tcp tcp = new Tcp();
        tcp.server = vertx.createNetServer().connectHandler(socket -> {
            if (paused) {
                socket.pause();
            }
            socket.handler(RecordParser.newDelimited("\n", line -> tcp.received.add(List.of(node(line.getBytes())))));
            tcp.connected.complete(socket);
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return tcp;
    }

    /** A port nothing listens on. */
    static int deadPort() throws IOException {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static List<JsonNode> parse(byte[] body) {
        JsonNode array = node(body);
        List<JsonNode> batch = new ArrayList<>();
        array.forEach(batch::add);
        return batch;
    }

    private static JsonNode node(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
