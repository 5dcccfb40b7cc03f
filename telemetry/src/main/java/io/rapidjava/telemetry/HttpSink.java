package io.rapidjava.telemetry;

import io.netty.buffer.Unpooled;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.internal.buffer.BufferInternal;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * POSTs each batch as a JSON array of envelopes to the subscriber's port on loopback, with the path and query of
 * its URI and its own authority as the Host ({@code sandbox.localdomain:1234}). A status of 400 or more, a refused
 * connection or no answer within {@link #TRY_TIMEOUT_MS} is a failed send.
 */
final class HttpSink implements Sink {

    static final long TRY_TIMEOUT_MS = 5_000;

    private final HttpClient client;
    private final RequestOptions request;
    private final HostAndPort authority;

    HttpSink(HttpClient client, Destination destination) {
        this.client = client;
        String path = destination.pathAndQuery();
        this.request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(destination.port(), "127.0.0.1"))
                .setURI(path == null || path.isEmpty() ? "/" : path)
                .putHeader("Content-Type", "application/json")
                .setIdleTimeout(TRY_TIMEOUT_MS);
        this.authority = authorityOf(destination);
    }

    @Override
    public Future<Void> open() {
        return Future.succeededFuture();
    }

    @Override
    public Future<Void> send(List<Envelope> batch) {
        Buffer body = array(batch);
        return client.request(request)
                .compose(req -> req.authority(authority).send(body))
                .compose(response -> response.end().compose(v -> response.statusCode() < 400
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture("the subscriber answered " + response.statusCode())));
    }

    /** The client is the hub's: its connection to this port is closed by its keep-alive timeout. */
    @Override
    public void close() {
    }

    /**
     * The batch in direct memory, freed by the collector once the request is done with it: a heap buffer would be
     * copied on its way to the socket into a direct one that the JDK keeps per thread, as large as the largest batch.
     */
    private static Buffer array(List<Envelope> batch) {
        int size = 2 + Math.max(0, batch.size() - 1);
        for (Envelope envelope : batch) {
            size += envelope.json().length;
        }
        ByteBuffer body = ByteBuffer.allocateDirect(size).put((byte) '[');
        for (int i = 0; i < batch.size(); i++) {
            if (i > 0) {
                body.put((byte) ',');
            }
            body.put(batch.get(i).json());
        }
        return BufferInternal.buffer(Unpooled.wrappedBuffer(body.put((byte) ']').flip()));
    }

    private static HostAndPort authorityOf(Destination destination) {
        HostAndPort given = null;
        try {
            String raw = URI.create(destination.uri()).getRawAuthority();
            given = raw == null ? null : HostAndPort.parseAuthority(raw, -1);
        } catch (IllegalArgumentException e) {
            // a URI the parser let through but java.net.URI does not: the Host names loopback instead
        }
        return given != null ? given : HostAndPort.create("127.0.0.1", destination.port());
    }
}
