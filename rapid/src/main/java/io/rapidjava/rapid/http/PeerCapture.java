package io.rapidjava.rapid.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpRequest;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * The Function URL's event names the client's address and the port it reached, but Vert.x answers
 * {@code remoteAddress()} only with the QUIC classes the daemon leaves out. This tap, right after Netty's HTTP
 * decoder ({@link Channels}), hands each request head its connection's addresses as its decoder result, as
 * {@link TrailerCapture} hands its trailers (which replace it once the request ended: read it when the request
 * starts). Installed only when a Function URL is served.
 */
@ChannelHandler.Sharable
public final class PeerCapture extends ChannelInboundHandlerAdapter {

    static final PeerCapture INSTANCE = new PeerCapture();

    /** The connection's two ends. */
    public record Peer(String sourceIp, int localPort) {
    }

    private PeerCapture() {
    }

    /** The addresses of a request that has just started; null when the tap is not installed. */
    public static Peer of(HttpServerRequest request) {
        return request.decoderResult() instanceof Addresses a ? a.peer : null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest head && head.decoderResult().isSuccess()) {
            head.setDecoderResult(new Addresses(new Peer(host(ctx.channel().remoteAddress()),
                    ctx.channel().localAddress() instanceof InetSocketAddress local ? local.getPort() : 0)));
        }
        ctx.fireChannelRead(msg);
    }

    private static String host(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : "127.0.0.1";
    }

    /** A successful decoding, with the connection's addresses. */
    private static final class Addresses extends DecoderResult {

        private final Peer peer;

        Addresses(Peer peer) {
            super(SIGNAL_SUCCESS);
            this.peer = peer;
        }
    }
}
