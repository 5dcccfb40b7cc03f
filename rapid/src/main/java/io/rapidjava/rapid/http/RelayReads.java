package io.rapidjava.rapid.http;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * Which allocator a connection reads its request body with: {@link ReadAllocator} only while the body is one a
 * relay reads and gives back chunk by chunk (an invoke's event, a runtime's answer), Vert.x's pool otherwise. A
 * body that other code reads whole, or that nobody reads (a 404), is then copied to the heap as Vert.x does, and
 * the collector follows it; large reads nobody gave back would wait for the JDK's direct memory to run short
 * (60 refused 7 MB bodies on an unknown path took the daemon's peak RSS from 73 to 140 MiB). Right after the decoder.
 */
@ChannelHandler.Sharable
final class RelayReads extends ChannelInboundHandlerAdapter {

    private final ByteBufAllocator pooled;
    private final ByteBufAllocator relayed;

    RelayReads(ByteBufAllocator pooled) {
        this.pooled = pooled;
        this.relayed = new ReadAllocator(pooled);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof HttpRequest head) {
            ctx.channel().config().setAllocator(relayed(head) ? relayed : pooled);
        }
        if (msg instanceof LastHttpContent) {
            ctx.channel().config().setAllocator(pooled);
        }
        ctx.fireChannelRead(msg);
    }

    /** An invoke (either API) or a runtime's answer to one: the bodies the relays give back. */
    static boolean relayed(HttpRequest head) {
        if (head.method() != HttpMethod.POST) {
            return false;
        }
        String uri = head.uri();
        int query = uri.indexOf('?');
        String path = query < 0 ? uri : uri.substring(0, query);
        return path.startsWith(InvokeApi.INVOKE_PREFIX) && path.endsWith(InvokeApi.INVOKE_SUFFIX)
                || path.startsWith(InvokeApi.STREAM_PREFIX) && path.endsWith(InvokeApi.STREAM_SUFFIX)
                || path.startsWith(RuntimeLoop.INVOCATION) && path.endsWith(RuntimeLoop.RESPONSE);
    }
}
