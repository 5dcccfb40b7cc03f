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
        private final AtomicInteger posts = new AtomicInteger();
        private final IntUnaryOperator answer;
        private HttpServer server;

        private Http(IntUnaryOperator answer) {
            this.answer = answer;
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
        Http http = new Http(answer);
        http.server = vertx.createHttpServer().requestHandler(http::handle).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        return http;
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
