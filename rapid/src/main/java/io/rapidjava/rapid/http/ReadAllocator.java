package io.rapidjava.rapid.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.rapidjava.rapid.sandbox.ReceivedChunks;

/**
 * A server channel's allocator: Vert.x's pooled one, but a socket read of {@link ReceivedChunks#LARGE_READ_BYTES}
 * or more goes into a buffer of {@link ReceivedChunks}, so its chunks travel on without a heap copy. Netty sizes
 * reads from the last ones, so only a body in full flow reads that much.
 */
final class ReadAllocator implements ByteBufAllocator {

    private final ByteBufAllocator pooled;

    ReadAllocator(ByteBufAllocator pooled) {
        this.pooled = pooled;
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity) {
        return large(initialCapacity) ? ReceivedChunks.read() : pooled.ioBuffer(initialCapacity);
    }

    @Override
    public ByteBuf ioBuffer(int initialCapacity, int maxCapacity) {
        return large(initialCapacity) ? ReceivedChunks.read() : pooled.ioBuffer(initialCapacity, maxCapacity);
    }

    private static boolean large(int capacity) {
        return capacity >= ReceivedChunks.LARGE_READ_BYTES && capacity <= ReceivedChunks.READ_BYTES;
    }

    @Override
    public ByteBuf buffer() {
        return pooled.buffer();
    }

    @Override
    public ByteBuf buffer(int initialCapacity) {
        return pooled.buffer(initialCapacity);
    }

    @Override
    public ByteBuf buffer(int initialCapacity, int maxCapacity) {
        return pooled.buffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf ioBuffer() {
        return pooled.ioBuffer();
    }

    @Override
    public ByteBuf heapBuffer() {
        return pooled.heapBuffer();
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity) {
        return pooled.heapBuffer(initialCapacity);
    }

    @Override
    public ByteBuf heapBuffer(int initialCapacity, int maxCapacity) {
        return pooled.heapBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public ByteBuf directBuffer() {
        return pooled.directBuffer();
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity) {
        return pooled.directBuffer(initialCapacity);
    }

    @Override
    public ByteBuf directBuffer(int initialCapacity, int maxCapacity) {
        return pooled.directBuffer(initialCapacity, maxCapacity);
    }

    @Override
    public CompositeByteBuf compositeBuffer() {
        return pooled.compositeBuffer();
    }

    @Override
    public CompositeByteBuf compositeBuffer(int maxNumComponents) {
        return pooled.compositeBuffer(maxNumComponents);
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer() {
        return pooled.compositeHeapBuffer();
    }

    @Override
    public CompositeByteBuf compositeHeapBuffer(int maxNumComponents) {
        return pooled.compositeHeapBuffer(maxNumComponents);
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer() {
        return pooled.compositeDirectBuffer();
    }

    @Override
    public CompositeByteBuf compositeDirectBuffer(int maxNumComponents) {
        return pooled.compositeDirectBuffer(maxNumComponents);
    }

    @Override
    public boolean isDirectBufferPooled() {
        return pooled.isDirectBufferPooled();
    }

    @Override
    public int calculateNewCapacity(int minNewCapacity, int maxCapacity) {
        return pooled.calculateNewCapacity(minNewCapacity, maxCapacity);
    }
}
