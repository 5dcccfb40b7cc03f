package io.rapidjava.rapid.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;

/**
 * Vert.x drops the trailers of a chunked request, but a streaming runtime reports its errors in them
 * ({@code Lambda-Runtime-Function-Error-Type}, {@code -Error-Body}). This handler sits right after Netty's
 * HTTP decoder and keeps the last request's trailers on the channel, where the request's end handler reads
 * them (same event loop, so no race).
 */
@ChannelHandler.Sharable
public final class TrailerCapture extends ChannelInboundHandlerAdapter {

    private static final AttributeKey<HttpHeaders> TRAILERS = AttributeKey.valueOf("rapid.trailers");
    private static final TrailerCapture INSTANCE = new TrailerCapture();

    /** Installs the capture on a new HTTP/1 connection; other connection types are left alone. */
    public static void install(HttpConnection connection) {
        Channels.afterDecoder(connection, "rapid-trailers", INSTANCE);
    }

    /** The trailers of the request that just ended on this connection; empty when it had none. */
    public static HttpHeaders of(HttpServerRequest request) {
        Channel channel = Channels.of(request.connection());
        HttpHeaders trailers = channel == null ? null : channel.attr(TRAILERS).get();
        if (trailers != null) {
            return trailers;
        }
        return io.netty.handler.codec.http.EmptyHttpHeaders.INSTANCE;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest) {
            ctx.channel().attr(TRAILERS).set(null);
        }
        if (msg instanceof LastHttpContent last && !last.trailingHeaders().isEmpty()) {
            ctx.channel().attr(TRAILERS).set(last.trailingHeaders().copy());
        }
        ctx.fireChannelRead(msg);
    }
}
