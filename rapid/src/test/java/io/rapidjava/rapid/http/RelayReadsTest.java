package io.rapidjava.rapid.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.junit.jupiter.api.Test;

class RelayReadsTest {

    private static DefaultHttpRequest head(HttpMethod method, String uri) {
        return new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
    }

    @Test
    void onlyTheBodiesARelayGivesBackAreReadLarge() {
        assertTrue(RelayReads.relayed(head(HttpMethod.POST, "/2015-03-31/functions/function/invocations")));
        assertTrue(RelayReads.relayed(head(HttpMethod.POST, "/2015-03-31/functions/f/invocations?Qualifier=1")));
        assertTrue(RelayReads.relayed(head(HttpMethod.POST,
                "/2021-11-15/functions/f/response-streaming-invocations")));
        assertTrue(RelayReads.relayed(head(HttpMethod.POST, "/2018-06-01/runtime/invocation/abc/response")));
        assertFalse(RelayReads.relayed(head(HttpMethod.POST, "/2018-06-01/runtime/invocation/abc/error")));
        assertFalse(RelayReads.relayed(head(HttpMethod.POST, "/2018-06-01/runtime/init/error")));
        assertFalse(RelayReads.relayed(head(HttpMethod.POST, "/2020-01-01/extension/register")));
        assertFalse(RelayReads.relayed(head(HttpMethod.POST, "/nope")));
        assertFalse(RelayReads.relayed(head(HttpMethod.PUT, "/2015-03-31/functions/function/invocations")));
    }

    @Test
    void theConnectionReadsLargeUntilTheRelayedBodyEnds() {
        AdaptiveByteBufAllocator pooled = new AdaptiveByteBufAllocator();
        EmbeddedChannel channel = new EmbeddedChannel(new RelayReads(pooled));
        channel.config().setAllocator(pooled);
        channel.writeInbound(head(HttpMethod.POST, "/2015-03-31/functions/function/invocations"));
        assertInstanceOf(ReadAllocator.class, channel.config().getAllocator());
        channel.writeInbound(LastHttpContent.EMPTY_LAST_CONTENT);
        assertSame(pooled, channel.config().getAllocator(), "the next request's head is read pooled");
        channel.writeInbound(head(HttpMethod.POST, "/nope"));
        assertSame(pooled, channel.config().getAllocator());
        channel.finishAndReleaseAll();
    }
}
