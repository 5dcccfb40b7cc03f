package io.rapidjava.rapid.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.rapidjava.rapid.sandbox.ReceivedChunks;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import org.junit.jupiter.api.Test;

class ReadAllocatorTest {

    private final AdaptiveByteBufAllocator pooled = new AdaptiveByteBufAllocator();
    private final ReadAllocator reads = new ReadAllocator(pooled);

    @Test
    void aLargeReadIsADirectBufferThatVertxHandsOnAsItIs() {
        ByteBuf large = reads.ioBuffer(ReceivedChunks.LARGE_READ_BYTES);
        assertTrue(large.isDirect());
        assertEquals(0, large.writerIndex(), "empty, for the read");
        assertEquals(ReceivedChunks.READ_BYTES, large.writableBytes());
        large.writeBytes(new byte[] {1, 2, 3});
        ByteBuf content = large.readRetainedSlice(3);
        large.release(); // the decoder is done with its cumulation
        Buffer chunk = BufferInternal.safeBuffer(content);
        assertSame(content, ((BufferInternal) chunk).unwrap(), "not copied to the heap");
        assertEquals(1, large.refCnt());
        ReceivedChunks.release(chunk);
        assertEquals(0, large.refCnt(), "given back");
        ReceivedChunks.release(chunk);
        assertEquals(0, large.refCnt(), "a second give-back does nothing");
    }

    @Test
    void aGivenBackReadServesTheNextOne() {
        ByteBuf first = reads.ioBuffer(ReceivedChunks.READ_BYTES);
        first.writeBytes(new byte[] {9, 9, 9});
        first.release();
        ByteBuf next = reads.ioBuffer(ReceivedChunks.READ_BYTES);
        assertEquals(0, next.readableBytes(), "empty again");
        assertEquals(9, next.getByte(0), "the same memory, not allocated (or zeroed) anew");
        next.release();
    }

    @Test
    void aChunkKeptForLaterIsAHeapCopyAndItsReadIsGivenBack() {
        ByteBuf large = reads.ioBuffer(ReceivedChunks.READ_BYTES);
        large.writeBytes(new byte[] {4, 5, 6});
        Buffer chunk = BufferInternal.safeBuffer(large.readRetainedSlice(3));
        large.release();
        Buffer kept = ReceivedChunks.kept(chunk);
        assertEquals(0, large.refCnt(), "given back");
        assertTrue(!((BufferInternal) kept).unwrap().isDirect(), "on the heap");
        assertEquals(Buffer.buffer(new byte[] {4, 5, 6}), kept);
        Buffer heap = Buffer.buffer("small");
        assertSame(heap, ReceivedChunks.kept(heap), "anything else is kept as it is");
    }

    @Test
    void aSmallReadStaysPooledAndVertxCopiesIt() {
        ByteBuf small = reads.ioBuffer(ReceivedChunks.LARGE_READ_BYTES - 1);
        assertSame(pooled, small.alloc());
        small.writeBytes(new byte[] {1, 2, 3});
        Buffer chunk = BufferInternal.safeBuffer(small);
        assertNotSame(small, ((BufferInternal) chunk).unwrap());
        assertEquals(0, small.refCnt(), "Vert.x released the pooled read");
        ReceivedChunks.release(chunk);
        assertEquals(3, chunk.length(), "a heap copy is left alone");
    }

    @Test
    void everythingButReadsComesFromThePool() {
        ByteBuf[] made = {reads.buffer(1 << 20), reads.directBuffer(1 << 20), reads.heapBuffer(1 << 20),
                reads.ioBuffer(), reads.ioBuffer(1 << 20)};
        for (ByteBuf b : made) {
            assertSame(pooled, b.alloc());
            b.release();
        }
    }

    @Test
    void releaseLeavesOtherBuffersAlone() {
        ByteBuf other = Unpooled.directBuffer(8);
        ReceivedChunks.release(BufferInternal.buffer(other));
        assertEquals(1, other.refCnt());
        other.release();
    }
}
