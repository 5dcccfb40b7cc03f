package io.rapidjava.rapid.sandbox;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;

/**
 * The memory of the large socket reads of the daemon's servers. Vert.x copies every received chunk out of a Netty
 * pool to the heap, and a heap chunk is copied again into direct memory on its way to the next socket: a 5.5 MiB
 * event paid for both on each of its hops. A read of {@link #LARGE_READ_BYTES} or more gets one of these buffers
 * instead ({@link #read}): {@link #READ_BYTES} of JDK direct memory, which Vert.x hands on as it is (no pool of
 * Netty's made it) and a socket write takes as it is.
 * <p>
 * Who is done with such a chunk gives it back ({@link #release}): the relays, once it is copied or written; what
 * keeps a chunk for later takes a heap copy ({@link #kept}). Its memory then serves the next large read (up to
 * {@link #KEPT} of them wait), so a body in flow reuses a few buffers and nothing is allocated or zeroed per read.
 * A chunk nobody gives back (Vert.x drops the rest of a body on a closed connection) is left to the collector, as
 * any JDK direct buffer, and the JDK collects when its direct memory runs short; Netty's unpooled direct memory is
 * counted apart, and ran out instead. Only relayed bodies are read this way ({@code RelayReads}).
 */
public final class ReceivedChunks {

    /** Reads this large only come from a body in full flow: smaller ones stay pooled (and copied). */
    public static final int LARGE_READ_BYTES = 32 * 1024;

    /** Every large read's capacity: the most a socket read of the servers takes. */
    public static final int READ_BYTES = 64 * 1024;

    /** Buffers kept for the next reads (2 MiB): a 5.5 MiB answer relayed through the loop has up to 27 in flight. */
    static final int KEPT = 32;

    /** What a large read's {@code alloc()} is: Vert.x hands on what no pool of Netty's made. */
    static final UnpooledByteBufAllocator LARGE_READS = new UnpooledByteBufAllocator(true, true, false);

    private static final ArrayDeque<ByteBuffer> FREE = new ArrayDeque<>(KEPT);

    private ReceivedChunks() {
    }

    /** An empty buffer for one socket read of up to {@link #READ_BYTES}. */
    public static ByteBuf read() {
        ByteBuffer memory;
        synchronized (FREE) {
            memory = FREE.pollFirst();
        }
        return new LargeRead(memory != null ? memory : ByteBuffer.allocateDirect(READ_BYTES)).clear();
    }

    /** Gives a received chunk back if it is one of the large reads; anything else is left alone. */
    public static void release(Buffer chunk) {
        if (chunk instanceof BufferInternal internal) {
            ByteBuf buf = internal.unwrap();
            if (buf.alloc() == LARGE_READS && buf.refCnt() > 0) {
                buf.release();
            }
        }
    }

    /**
     * A chunk to keep until some later write: a large read is copied to the heap and given back, so its memory
     * serves the next read rather than wait for the collector.
     */
    public static Buffer kept(Buffer chunk) {
        if (chunk instanceof BufferInternal internal && internal.unwrap().alloc() == LARGE_READS) {
            Buffer copy = Buffer.buffer(chunk.getBytes());
            release(chunk);
            return copy;
        }
        return chunk;
    }

    /** A read's memory, back for the next read once its last reference is released. */
    private static final class LargeRead extends UnpooledDirectByteBuf {

        private final ByteBuffer memory;

        LargeRead(ByteBuffer memory) {
            super(LARGE_READS, memory.clear(), READ_BYTES);
            this.memory = memory;
        }

        @Override
        protected void deallocate() {
            super.deallocate();
            synchronized (FREE) {
                if (FREE.size() < KEPT) {
                    FREE.addFirst(memory);
                }
            }
        }
    }
}
