package io.rapidjava.rapid.http;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFactory;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.InternetProtocolFamily;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.net.TcpConfig;
import io.vertx.core.transport.Transport;
import java.net.SocketAddress;
import java.util.concurrent.ThreadFactory;

/**
 * Vert.x's NIO transport, with the servers' Netty channels adjusted as they are accepted. Vert.x gives no way to
 * see request trailers, to judge the request line before it does, or to size socket reads, and no way to reach a
 * connection's channel but its {@code impl} classes (its {@code internal} SPI has none for an HTTP connection).
 * The transport SPI ({@code io.vertx.core.spi.transport}, given to {@code Vertx.builder()}) is the supported
 * place that sees them: Vert.x hands it each server's bootstrap to configure. So both servers get every tap (the
 * trailer capture is idle on the invoke port). Vert.x takes any transport but its own NIO class for a native one
 * ({@code isNativeTransportEnabled()}); nothing here asks.
 */
public final class Channels implements Transport {

    private final Nio implementation;

    private Channels(int minRead, int maxRead, boolean peers) {
        implementation = new Nio(Transport.NIO.implementation(), minRead, maxRead, peers);
    }

    /**
     * NIO, with server socket reads of {@code minRead} to {@code maxRead} bytes and the HTTP request taps; with
     * {@code peers}, also {@link PeerCapture}.
     */
    public static Transport nio(int minRead, int maxRead, boolean peers) {
        return new Channels(minRead, maxRead, peers);
    }

    @Override
    public String name() {
        return Transport.NIO.name();
    }

    @Override
    public boolean available() {
        return Transport.NIO.available();
    }

    @Override
    public Throwable unavailabilityCause() {
        return Transport.NIO.unavailabilityCause();
    }

    @Override
    public io.vertx.core.spi.transport.Transport implementation() {
        return implementation;
    }

    /** Vert.x's NIO transport, but for what its servers' accepted channels get; the rest is NIO's own. */
    private static final class Nio implements io.vertx.core.spi.transport.Transport {

        private final io.vertx.core.spi.transport.Transport nio;
        private final AdaptiveRecvByteBufAllocator reads;
        private final boolean peers;

        Nio(io.vertx.core.spi.transport.Transport nio, int minRead, int maxRead, boolean peers) {
            this.nio = nio;
            this.peers = peers;
            // Netty sizes each socket read from the last ones; after small requests it reads less than a 200-byte
            // request, which then arrives (and is relayed) in two pieces. Reads are pooled slices, so a floor costs
            // nothing; the ceiling lets a large body come in few reads.
            this.reads = new AdaptiveRecvByteBufAllocator(minRead, minRead, maxRead);
        }

        /**
         * Vert.x has set its own child handler and allocator when it calls this, just before it binds; a relayed
         * body's large reads come from {@link ReadAllocator} ({@link RelayReads}).
         */
        @Override
        public void configure(TcpConfig config, boolean domainSocket, ServerBootstrap bootstrap) {
            nio.configure(config, domainSocket, bootstrap);
            bootstrap.childOption(ChannelOption.RCVBUF_ALLOCATOR, reads);
            Object pooled = bootstrap.config().childOptions().get(ChannelOption.ALLOCATOR);
            RelayReads relayReads = new RelayReads(
                    pooled instanceof ByteBufAllocator given ? given : ByteBufAllocator.DEFAULT);
            bootstrap.childHandler(new Taps(bootstrap.config().childHandler(), peers, relayReads));
        }

        @Override
        public boolean supportsDomainSockets() {
            return nio.supportsDomainSockets();
        }

        @Override
        public boolean supportFileRegion() {
            return nio.supportFileRegion();
        }

        @Override
        public boolean isAvailable() {
            return nio.isAvailable();
        }

        @Override
        public Throwable unavailabilityCause() {
            return nio.unavailabilityCause();
        }

        @Override
        public SocketAddress convert(io.vertx.core.net.SocketAddress address) {
            return nio.convert(address);
        }

        @Override
        public io.vertx.core.net.SocketAddress convert(SocketAddress address) {
            return nio.convert(address);
        }

        @Override
        public IoHandlerFactory ioHandlerFactory() {
            return nio.ioHandlerFactory();
        }

        @Override
        public EventLoopGroup eventLoopGroup(int type, int nThreads, ThreadFactory threadFactory, int ioRatio) {
            return nio.eventLoopGroup(type, nThreads, threadFactory, ioRatio);
        }

        @Override
        @SuppressWarnings("deprecation") // the SPI's own signature
        public DatagramChannel datagramChannel(InternetProtocolFamily family) {
            return nio.datagramChannel(family);
        }

        @Override
        public ChannelFactory<? extends DatagramChannel> datagramChannelFactory() {
            return nio.datagramChannelFactory();
        }

        @Override
        public ChannelFactory<? extends Channel> channelFactory(boolean domainSocket) {
            return nio.channelFactory(domainSocket);
        }

        @Override
        public ChannelFactory<? extends ServerChannel> serverChannelFactory(boolean domainSocket) {
            return nio.serverChannelFactory(domainSocket);
        }

        @Override
        public void configure(DatagramChannel channel, DatagramSocketOptions options) {
            nio.configure(channel, options);
        }

        @Override
        public void configure(TcpConfig config, boolean domainSocket, Bootstrap bootstrap) {
            nio.configure(config, domainSocket, bootstrap);
        }
    }

    /**
     * Runs Vert.x's initializer of an accepted channel, which builds its HTTP/1 pipeline at once (no TLS, no h2c),
     * then puts the taps right after Netty's request decoder. Other pipelines are left alone.
     */
    @ChannelHandler.Sharable
    private static final class Taps extends ChannelInitializer<Channel> {

        private final ChannelHandler vertx;
        private final boolean peers;
        private final RelayReads relayReads;

        Taps(ChannelHandler vertx, boolean peers, RelayReads relayReads) {
            this.vertx = vertx;
            this.peers = peers;
            this.relayReads = relayReads;
        }

        @Override
        protected void initChannel(Channel channel) {
            ChannelPipeline pipeline = channel.pipeline();
            pipeline.addLast(vertx);
            ChannelHandlerContext decoder = pipeline.context(HttpRequestDecoder.class);
            if (decoder != null) { // each right after the decoder, so the version check comes first
                pipeline.addAfter(decoder.name(), "rapid-trailers", new TrailerCapture());
                pipeline.addAfter(decoder.name(), "rapid-reads", relayReads);
                if (peers) {
                    pipeline.addAfter(decoder.name(), "rapid-peer", PeerCapture.INSTANCE);
                }
                pipeline.addAfter(decoder.name(), "rapid-version", VersionCheck.INSTANCE);
            }
        }
    }
}
