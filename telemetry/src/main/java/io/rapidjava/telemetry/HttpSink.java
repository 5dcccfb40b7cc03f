package io.rapidjava.telemetry;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.core.net.NetClient;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * POSTs each batch as a JSON array of envelopes to the subscriber's port on loopback, with the path and query of
 * its URI and its host and port as the Host ({@code sandbox.localdomain:1234}), on one kept-alive connection, one
 * request at a time. A status of 400 or more, a refused or lost connection, an answer that is not HTTP or no whole
 * answer within {@link #TRY_TIMEOUT_MS} is a failed send.
 *
 * <p>The request is written whole from bytes made here, and Netty's decoder reads the answer on a plain TCP
 * connection: one POST at a time to one peer needs none of Vert.x's HTTP client (its pool, endpoint resolver and
 * request machinery are some 200 classes, about 1.8 MB of a subscribed daemon's native memory, and a POST's cost).
 */
final class HttpSink implements Sink {

    static final long TRY_TIMEOUT_MS = 5_000;

    private final Vertx vertx;
    private final NetClient client;
    private final int port;
    /** The request line and headers up to the value of Content-Length. */
    private final byte[] head;
    private NetSocketInternal socket;
    private Answer waiting;

    /** The answer one POST awaits, on the connection it was written to. */
    private static final class Answer {
        final NetSocketInternal socket;
        final Promise<Void> done = Promise.promise();
        long timer;
        /** The final status once its head has come (informational ones are skipped); 0 before. */
        int status;
        boolean keepAlive;

        Answer(NetSocketInternal socket) {
            this.socket = socket;
        }
    }

    HttpSink(Vertx vertx, NetClient client, Destination destination) {
        this.vertx = vertx;
        this.client = client;
        this.port = destination.port();
        // Destinations parsed the URI: its path and query are legal request-target characters, its host a name or
        // a bracketed address, so neither can break the request's lines
        String host = URI.create(destination.uri()).getHost();
        this.head = ("POST " + destination.pathAndQuery() + " HTTP/1.1\r\nHost: " + host + ":" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: ").getBytes(StandardCharsets.US_ASCII);
    }

    /** Connects at the first batch: a subscriber may subscribe before it listens. */
    @Override
    public Future<Void> open() {
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> send(List<Envelope> batch) {
        Buffer request = request(batch);
        return (socket != null ? Future.succeededFuture(socket) : connect()).compose(s -> post(s, request));
    }

    @Override
    public void close() {
        if (waiting != null) {
            fail(waiting, "the subscription is closed");
        }
        if (socket != null) {
            drop(socket);
        }
    }

    private Future<NetSocketInternal> connect() {
        return client.connect(port, "127.0.0.1").map(connected -> {
            NetSocketInternal s = (NetSocketInternal) connected;
            s.channelHandlerContext().pipeline().addBefore("handler", "http-answer", new HttpResponseDecoder());
            s.messageHandler(message -> onMessage(s, message));
            // a reset fails the answer it cuts short; Vert.x would also log it as an error without a handler
            s.exceptionHandler(e -> {
                if (waiting != null && waiting.socket == s) {
                    fail(waiting, "the connection failed: " + e.getMessage());
                }
            });
            s.closeHandler(v -> closed(s));
            socket = s;
            return s;
        });
    }

    private Future<Void> post(NetSocketInternal s, Buffer request) {
        Answer answer = new Answer(s);
        waiting = answer;
        answer.timer = vertx.setTimer(TRY_TIMEOUT_MS, id -> {
            if (waiting == answer) {
                fail(answer, "no answer within " + TRY_TIMEOUT_MS + " ms");
            }
        });
        s.write(request).onFailure(e -> {
            if (waiting == answer) {
                fail(answer, "the request could not be written: " + e.getMessage());
            }
        });
        return answer.done.future();
    }

    private void onMessage(NetSocketInternal from, Object message) {
        try {
            Answer answer = waiting;
            if (answer == null || answer.socket != from) {
                from.close(); // an answer nobody asked for: what comes after it cannot be trusted
                return;
            }
            if (message instanceof HttpObject http && http.decoderResult().isFailure()) {
                fail(answer, "the answer is not HTTP: " + http.decoderResult().cause().getMessage());
                return;
            }
            if (message instanceof HttpResponse response && response.status().code() >= 200) {
                answer.status = response.status().code();
                answer.keepAlive = HttpUtil.isKeepAlive(response) && framed(response);
            }
            if (message instanceof LastHttpContent && answer.status != 0) {
                answered(answer);
            }
        } finally {
            ReferenceCountUtil.release(message);
        }
    }

    /** Whether the answer's end is known before the connection's: a body without a length ends with it. */
    private static boolean framed(HttpResponse response) {
        int status = response.status().code();
        return HttpUtil.isContentLengthSet(response) || HttpUtil.isTransferEncodingChunked(response)
                || status == 204 || status == 304;
    }

    /** A connection that closes after the answer's head ends the answer (an HTTP/1.0 body without a length). */
    private void closed(NetSocketInternal s) {
        if (socket == s) {
            socket = null;
        }
        Answer answer = waiting;
        if (answer != null && answer.socket == s) {
            if (answer.status != 0) {
                answered(answer);
            } else {
                fail(answer, "the subscriber closed the connection");
            }
        }
    }

    private void answered(Answer answer) {
        waiting = null;
        vertx.cancelTimer(answer.timer);
        if (!answer.keepAlive) {
            drop(answer.socket);
        }
        if (answer.status < 400) {
            answer.done.tryComplete();
        } else {
            answer.done.tryFail("the subscriber answered " + answer.status);
        }
    }

    /** The connection is given up with the answer: a late answer on it would be taken for the next one's. */
    private void fail(Answer answer, String why) {
        waiting = null;
        vertx.cancelTimer(answer.timer);
        drop(answer.socket);
        answer.done.tryFail(why);
    }

    private void drop(NetSocketInternal s) {
        if (socket == s) {
            socket = null;
        }
        s.close();
    }

    /**
     * The request in direct memory, freed by the collector once it is written: a heap buffer would be copied on its
     * way to the socket into a direct one that the JDK keeps per thread, as large as the largest batch.
     */
    private Buffer request(List<Envelope> batch) {
        int length = 2 + Math.max(0, batch.size() - 1);
        for (Envelope envelope : batch) {
            length += envelope.json().length;
        }
        byte[] size = (length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer request = ByteBuffer.allocateDirect(head.length + size.length + length).put(head).put(size)
                .put((byte) '[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                request.put((byte) ',');
            }
            request.put(batch.get(i).json());
        }
        return BufferInternal.buffer(Unpooled.wrappedBuffer(request.put((byte) ']').flip()));
    }
}
