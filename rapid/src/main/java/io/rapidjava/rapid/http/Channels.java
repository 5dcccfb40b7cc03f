package io.rapidjava.rapid.http;

import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpServerCodec;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.Map;

/**
 * The one place that reaches below Vert.x's public API, to the Netty channel of a connection: Vert.x offers no
 * public way to see request trailers, to judge the request line before it does, or to size socket reads (its public
 * transport route costs ~50 ms of start-up). Connections of another kind are left alone.
 */
public final class Channels {

    private Channels() {
    }

    /** The connection's Netty channel, or null. */
    static Channel of(HttpConnection connection) {
        return connection instanceof ConnectionBase base ? base.channel() : null;
    }

    /** Puts {@code handler} right after Netty's HTTP request decoder on a new HTTP/1 connection. */
    static void afterDecoder(HttpConnection connection, String name, ChannelHandler handler) {
        Channel channel = of(connection);
        if (channel == null) {
            return;
        }
        var pipeline = channel.pipeline();
        for (Map.Entry<String, ChannelHandler> entry : pipeline) {
            if (entry.getValue() instanceof HttpServerCodec || entry.getValue() instanceof HttpRequestDecoder) {
                pipeline.addAfter(entry.getKey(), name, handler);
                return;
            }
        }
    }

    /**
     * Netty sizes each socket read from the last ones; after small requests it reads less than a 200-byte
     * request, which then arrives (and is relayed) in two pieces. Reads are pooled slices, so a floor costs
     * nothing; the ceiling lets a large body come in few reads.
     */
    public static void readSizes(HttpConnection connection, int min, int max) {
        Channel channel = of(connection);
        if (channel != null) {
            channel.config().setRecvByteBufAllocator(new AdaptiveRecvByteBufAllocator(min, min, max));
        }
    }
}
