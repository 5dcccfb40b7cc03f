package io.rapidjava.telemetry;

import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.NetClient;
import io.vertx.core.net.NetSocket;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Writes each batch as newline-delimited JSON envelopes on one connection to the subscriber's port on loopback,
 * made at subscribe time. A batch is sent once the socket has taken it (the write queue is back-pressure: while a
 * subscriber does not read, its batch stays in flight and its queue fills); a closed connection is made again for
 * the next try.
 */
final class TcpSink implements Sink {

    private final NetClient client;
    private final int port;
    private NetSocket socket;

    TcpSink(NetClient client, int port) {
        this.client = client;
        this.port = port;
    }

    @Override
    public Future<Void> open() {
        return connect().<Void>mapEmpty().recover(e -> Future.failedFuture("could not connect: " + e.getMessage()));
    }

    @Override
    public Future<Void> send(List<Envelope> batch) {
        Buffer lines = lines(batch);
        return (socket != null ? Future.succeededFuture(socket) : connect()).compose(s -> s.write(lines));
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }

    private Future<NetSocket> connect() {
        return client.connect(port, "127.0.0.1").onSuccess(s -> {
            socket = s;
            // a subscriber has nothing to say: what it writes is read and dropped, a reset fails the write
            s.handler(ignored -> { });
            s.exceptionHandler(ignored -> { });
            s.closeHandler(v -> {
                if (socket == s) {
                    socket = null;
                }
            });
        });
    }

    /**
     * In direct memory, as {@link HttpSink}'s requests are: a heap buffer is copied into a direct one that the JDK
     * keeps per thread, as large as the largest batch, and again at each try of a write that a stalled subscriber's
     * full socket cuts short.
     */
    private static Buffer lines(List<Envelope> batch) {
        int size = 0;
        for (Envelope envelope : batch) {
            size += envelope.json().length + 1;
        }
        ByteBuffer lines = ByteBuffer.allocateDirect(size);
        for (Envelope envelope : batch) {
            lines.put(envelope.json()).put((byte) '\n');
        }
        return BufferInternal.buffer(Unpooled.wrappedBuffer(lines.flip()));
    }
}
