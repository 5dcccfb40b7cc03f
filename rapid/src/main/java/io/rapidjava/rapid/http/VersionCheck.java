package io.rapidjava.rapid.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;

/**
 * The request line's HTTP version, judged as Go's net/http does before Vert.x sees it: any {@code HTTP/1.x} is
 * served as 1.1, another major version is {@code 505}, anything else {@code 400} (Vert.x would answer {@code 501},
 * a server error, and echo the client's version token in its status line). Sits right after Netty's decoder
 * ({@link Channels}).
 */
@ChannelHandler.Sharable
public final class VersionCheck extends ChannelInboundHandlerAdapter {

    static final VersionCheck INSTANCE = new VersionCheck();
    private static final AttributeKey<Boolean> REFUSED = AttributeKey.valueOf("rapid.version-refused");

    private VersionCheck() {
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (Boolean.TRUE.equals(ctx.channel().attr(REFUSED).get())) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest req) {
            HttpVersion v = req.protocolVersion();
            if (v != HttpVersion.HTTP_1_1 && v != HttpVersion.HTTP_1_0) {
                boolean http = "HTTP".equals(v.protocolName());
                if (http && v.majorVersion() == 1) {
                    req.setProtocolVersion(v.minorVersion() == 0 ? HttpVersion.HTTP_1_0 : HttpVersion.HTTP_1_1);
                } else {
                    boolean head = HttpMethod.HEAD.equals(req.method());
                    ReferenceCountUtil.release(msg);
                    refuse(ctx, http ? HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED : HttpResponseStatus.BAD_REQUEST,
                            http ? "unsupported protocol version" : "malformed HTTP version", head);
                    return;
                }
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** The answer to a {@code HEAD} has the head of the one to a {@code GET}, and no body (RFC 9110, 9.3.2). */
    private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status, String why, boolean head) {
        ctx.channel().attr(REFUSED).set(true);
        byte[] body = (status.code() + " " + status.reasonPhrase() + ": " + why).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length).set(HttpHeaderNames.CONNECTION, "close");
        // from the pipeline's tail: Vert.x places its encoder after the decoder, so after this handler
        ctx.channel().writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
    }
}
