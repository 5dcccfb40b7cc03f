package io.rapidjava.rapid.sandbox;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import io.vertx.core.internal.buffer.BufferInternal;
import java.util.ArrayList;
import java.util.List;

/**
 * An invoke's event: read from the invoker, sent into the runtime's {@code next} answer (at once when it is all
 * in, or as it arrives when the runtime is already waiting), and kept until the invoke ends, since a runtime may
 * ask for it again. Lives on the sandbox's event loop.
 * <p>
 * A large event of known length is kept off the Java heap, in one direct buffer of that length, and may be
 * streamed: it outlives young collections, and on the heap it was promoted and grew the old generation to its
 * limit, one event after the other. The runtime's answers are written from that buffer, so the copy into it
 * replaces the one the JDK makes of a heap buffer on every socket write. Slices in flight hold a reference; the
 * memory goes back when the invoke has ended and the last write is done. Small events (they come in one read
 * anyway) stay as the heap buffers they arrive in; an event of unknown length (chunked) moves off the heap once it
 * reaches the large size. Both are sent whole.
 * <p>
 * Events are read while their invoke waits in the queue, so an invoke takes the runtime only once its event can be
 * delivered; an invoker whose body breaks or stalls fails alone.
 */
final class Event {

    /** Events from this size on are kept off the heap and may be streamed. */
    static final long LARGE_BYTES = 64 * 1024;

    /** Why an event could not be read whole. */
    enum Failure {
        /** The invoker hung up. */
        GONE,
        /** The request was malformed on the wire (a bad chunk, a reset). */
        BROKEN,
        /** No byte arrived for the body timeout. */
        STALLED,
        /** More than the limit. */
        TOO_LARGE,
        /** More than the sandbox may hold now. */
        NO_ROOM
    }

    /** What the sandbox learns while an event is read. */
    interface Reading {
        /** {@code bytes} more arrived. */
        void arrived(long bytes);

        void complete();

        void failed(Failure why);
    }

    private final Invoker invoker;
    private final ReadStream<Buffer> request;
    /** The invoker's Content-Length, -1 when it sends the event chunked. */
    private final long declaredBytes;
    private final long limit;
    private Reading reading;
    private Vertx vertx;
    private Failure failure;
    private long lastByteNanos;
    private long stallTimer = -1;
    /** Paused by the sandbox (its byte budget), not by back-pressure. */
    private boolean held;
    /** A large event; null before its first piece and once released. */
    private ByteBuf direct;
    /** Any other event, as it arrived. */
    private final List<Buffer> chunks = new ArrayList<>();
    private long bytes;
    private boolean complete;
    private boolean released;
    /** The runtime's {@code next} answer the event is streamed into while it arrives. */
    private NextCall sink;
    /** Further {@code next} answers (a runtime asking again while the event still arrives): sent once it is in. */
    private List<NextCall> laterSinks;
    private boolean requestPaused;

    Event(Invoker invoker, long limit) {
        this.invoker = invoker;
        this.request = invoker.event();
        this.declaredBytes = invoker.declaredLength();
        this.limit = limit;
    }

    /** A large event of known length (within the limit): kept off the heap, and it may be streamed. */
    boolean large() {
        return declaredBytes >= LARGE_BYTES && declaredBytes <= limit;
    }

    /** The invoker's Content-Length, -1 when chunked. */
    long declared() {
        return declaredBytes;
    }

    boolean readStarted() {
        return reading != null;
    }

    boolean failed() {
        return failure != null;
    }

    /**
     * Starts reading the event from the invoker; every outcome is reported to {@code to} once. A body that sends no
     * byte for {@code idleMillis} (while nobody holds it back) fails as {@link Failure#STALLED}.
     */
    void read(Vertx vertx, long idleMillis, Reading to) {
        this.vertx = vertx;
        reading = to;
        if (declaredBytes > limit) {
            fail(Failure.TOO_LARGE);
            return;
        }
        lastByteNanos = System.nanoTime();
        request.handler(this::piece);
        request.endHandler(v -> {
            if (failure == null && !complete) {
                cancelStallTimer();
                arrivedAll();
                reading.complete();
            }
        });
        request.exceptionHandler(e -> fail(invoker.gone() ? Failure.GONE : Failure.BROKEN));
        armStallTimer(idleMillis);
        if (!held) {
            request.resume();
        }
    }

    /** The sandbox has no room to hold the rest. */
    void refuse() {
        fail(Failure.NO_ROOM);
    }

    /** The invoker's connection closed. */
    void invokerGone() {
        fail(Failure.GONE);
    }

    /** The sandbox's byte budget is spent: no more is read until {@link #release()} or {@link #unhold()}. */
    void hold() {
        if (!held && !complete && failure == null) {
            held = true;
            request.pause();
        }
    }

    void unhold() {
        if (held) {
            held = false;
            lastByteNanos = System.nanoTime();
            if (!requestPaused && failure == null) {
                request.resume();
            }
        }
    }

    private void piece(Buffer chunk) {
        if (failure != null || complete) {
            ReceivedChunks.release(chunk);
            return;
        }
        lastByteNanos = System.nanoTime();
        if (bytes + chunk.length() > limit) {
            ReceivedChunks.release(chunk);
            fail(Failure.TOO_LARGE);
            return;
        }
        arrived(chunk);
        reading.arrived(chunk.length());
    }

    private void fail(Failure why) {
        if (failure != null || complete || reading == null) {
            return;
        }
        failure = why;
        cancelStallTimer();
        if (sink != null && !sink.closed()) {
            // a runtime that got part of this event must not take the part for the whole
            sink.reset();
        }
        sink = null;
        if (laterSinks != null) {
            laterSinks.forEach(NextCall::reset);
            laterSinks = null;
        }
        reading.failed(why);
    }

    private void armStallTimer(long idleMillis) {
        long waitNanos = lastByteNanos + idleMillis * 1_000_000 - System.nanoTime();
        stallTimer = vertx.setTimer(Math.max(1, waitNanos / 1_000_000), id -> {
            stallTimer = -1;
            if (failure != null || complete) {
                return;
            }
            if (held || requestPaused) {
                // held back by the sandbox or by a slow runtime: not the invoker's stall
                lastByteNanos = System.nanoTime();
            }
            if (System.nanoTime() - lastByteNanos >= idleMillis * 1_000_000) {
                fail(Failure.STALLED);
            } else {
                armStallTimer(idleMillis);
            }
        });
    }

    private void cancelStallTimer() {
        if (stallTimer >= 0 && vertx != null) {
            vertx.cancelTimer(stallTimer);
            stallTimer = -1;
        }
    }

    long bytes() {
        return bytes;
    }

    boolean complete() {
        return complete;
    }

    /** Length of the event as the runtime is told it: known up front when streamed. */
    long length() {
        return complete ? bytes : declaredBytes;
    }

    /** One more piece from the invoker, passed on when the event is being streamed (pausing the invoker). */
    private void arrived(Buffer chunk) {
        if (released) {
            ReceivedChunks.release(chunk);
            return;
        }
        int from = (int) bytes;
        bytes += chunk.length();
        if (!large()) {
            if (direct != null) {
                direct.writeBytes(((BufferInternal) chunk).getByteBuf());
                ReceivedChunks.release(chunk);
            } else {
                chunks.add(ReceivedChunks.kept(chunk));
                if (bytes >= LARGE_BYTES) {
                    offHeap();
                }
            }
            return;
        }
        if (direct == null) {
            direct = UnpooledByteBufAllocator.DEFAULT.directBuffer((int) declaredBytes, (int) declaredBytes);
        }
        direct.writeBytes(((BufferInternal) chunk).getByteBuf());
        ReceivedChunks.release(chunk);
        NextCall out = sink;
        if (out == null || out.closed()) {
            return;
        }
        if (bytes == declaredBytes) {
            // the last piece ends the answer in the same write
            sink = null;
            send(out, from, chunk.length(), true);
            return;
        }
        send(out, from, chunk.length(), false);
        if (out.writeQueueFull()) {
            requestPaused = true;
            request.pause();
            out.drainHandler(v -> resumeRequest());
        }
    }

    /**
     * A chunked event that grew large moves off the heap (it may wait in the queue); it is never streamed, since the
     * runtime must be told its length up front.
     */
    private void offHeap() {
        if (direct == null) {
            direct = UnpooledByteBufAllocator.DEFAULT.directBuffer((int) bytes * 2, (int) limit);
            for (Buffer c : chunks) {
                direct.writeBytes(((BufferInternal) c).getByteBuf());
                ReceivedChunks.release(c);
            }
            chunks.clear();
        }
    }

    /** The whole event is in: ends a streamed answer and sends it to runtimes that asked again meanwhile. */
    private void arrivedAll() {
        complete = true;
        if (sink != null && !sink.closed()) {
            sink.end();
        }
        sink = null;
        if (laterSinks != null) {
            laterSinks.forEach(this::sendWhole);
            laterSinks = null;
        }
    }

    /**
     * Writes the event into a runtime's {@code next} answer (headers already set): at once when it is all in,
     * else what has arrived, the rest following as it arrives.
     */
    void sendTo(NextCall r) {
        if (complete) {
            sendWhole(r);
        } else if (sink == null) {
            sink = r;
            if (direct != null) {
                send(r, 0, (int) bytes, false);
            }
        } else {
            if (laterSinks == null) {
                laterSinks = new ArrayList<>(1);
            }
            laterSinks.add(r);
        }
    }

    /**
     * The runtime cannot ask for the event again: the memory goes back (after writes still in flight), and an
     * invoker still sending (the invoke ended while its event was streamed) is read on, the rest dropped, so it
     * gets its answer.
     */
    void release() {
        if (released) {
            return;
        }
        released = true;
        cancelStallTimer();
        chunks.clear();
        sink = null;
        laterSinks = null;
        if (direct != null) {
            direct.release();
            direct = null;
        }
        resumeRequest();
    }

    private void resumeRequest() {
        if (requestPaused) {
            requestPaused = false;
            request.resume();
        }
    }

    private void sendWhole(NextCall r) {
        if (r.closed()) {
            return;
        }
        if (direct != null) {
            send(r, 0, (int) bytes, true);
        } else if (chunks.size() == 1) {
            // one buffer (the usual small event) goes out with the headers in a single write
            r.end(chunks.getFirst());
        } else {
            chunks.forEach(r::write);
            r.end();
        }
    }

    /** Writes bytes [from, from + len) of the direct event; the slice holds a reference until it is written. */
    private void send(NextCall r, int from, int len, boolean end) {
        ByteBuf slice = direct.retainedSlice(from, len);
        Future<Void> written;
        try {
            Buffer b = BufferInternal.buffer(slice);
            written = end ? r.end(b) : r.write(b);
        } catch (RuntimeException e) {
            slice.release();
            throw e;
        }
        written.onComplete(ar -> slice.release());
    }
}
