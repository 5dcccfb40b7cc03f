package io.rapidjava.rapid.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpServerRequest;

/**
 * Vert.x drops the trailers of a chunked request, but a streaming runtime reports its errors in them
 * ({@code Lambda-Runtime-Function-Error-Type}, {@code -Error-Body}). This handler, one per connection right after
 * Netty's HTTP decoder ({@link Channels}), hands a request its trailers as its decoder result, which Vert.x's
 * request shows ({@link HttpServerRequest#decoderResult()}); Netty's own results carry facts about their message
 * too ({@code HttpMessageDecoderResult}). It is set before the request's end reaches Vert.x, so the end handler
 * sees it.
 */
public final class TrailerCapture extends ChannelInboundHandlerAdapter {

    private HttpRequest request;

    TrailerCapture() {
    }

    /** The trailers of a request that has ended; empty when it had none. */
    public static HttpHeaders of(HttpServerRequest request) {
        return request.decoderResult() instanceof Trailers trailers ? trailers.headers : EmptyHttpHeaders.INSTANCE;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest head) {
            request = head;
        }
        if (msg instanceof LastHttpContent last) {
            if (!last.trailingHeaders().isEmpty() && request != null && request.decoderResult().isSuccess()) {
                request.setDecoderResult(new Trailers(last.trailingHeaders().copy()));
            }
            request = null;
        }
        ctx.fireChannelRead(msg);
    }

    /** A successful decoding that had trailers. */
    private static final class Trailers extends DecoderResult {

        private final HttpHeaders headers;

        Trailers(HttpHeaders headers) {
            super(SIGNAL_SUCCESS);
            this.headers = headers;
        }
    }
}
