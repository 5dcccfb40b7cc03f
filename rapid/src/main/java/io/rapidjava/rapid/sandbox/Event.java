package io.rapidjava.rapid.sandbox;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.rapidjava.interop.Limits;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
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
 * anyway) and events of unknown length (chunked) stay as the heap buffers they arrive in, and are sent whole.
 */
final class Event {

    /** Events from this size on are kept off the heap and may be streamed. */
    static final long LARGE_BYTES = 64 * 1024;

    private final HttpServerRequest request;
    /** The invoker's Content-Length, -1 when it sends the event chunked. */
    private final long declaredBytes;
    /** A large event; null before its first piece and once released. */
    private ByteBuf direct;
    /** Any other event, as it arrived. */
    private final List<Buffer> chunks = new ArrayList<>();
    private long bytes;
    private boolean complete;
    private boolean released;
    /** The runtime's {@code next} answer the event is streamed into while it arrives. */
    private HttpServerResponse sink;
    /** Further {@code next} answers (a runtime asking again while the event still arrives): sent once it is in. */
    private List<HttpServerResponse> laterSinks;
    private boolean requestPaused;

    Event(HttpServerRequest request) {
        this.request = request;
        this.declaredBytes = contentLength(request.getHeader("Content-Length"));
    }

    /** A large event of known length (within the limit): kept off the heap, and it may be streamed. */
    boolean large() {
        return declaredBytes >= LARGE_BYTES && declaredBytes <= Limits.MAX_PAYLOAD_BYTES;
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

    /** The whole event at once (read before the invoke was queued). */
    void whole(Buffer body) {
        chunks.add(body);
        bytes = body.length();
        complete = true;
    }

    /** One more piece from the invoker, passed on when the event is being streamed (pausing the invoker). */
    void arrived(Buffer chunk) {
        if (released) {
            return;
        }
        int from = (int) bytes;
        bytes += chunk.length();
        if (!large()) {
            chunks.add(chunk);
            return;
        }
        if (direct == null) {
            direct = UnpooledByteBufAllocator.DEFAULT.directBuffer((int) declaredBytes, (int) declaredBytes);
        }
        direct.writeBytes(((BufferInternal) chunk).getByteBuf());
        HttpServerResponse out = sink;
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

    /** The whole event is in: ends a streamed answer and sends it to runtimes that asked again meanwhile. */
    void arrivedAll() {
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
    void sendTo(HttpServerResponse r) {
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

    private void sendWhole(HttpServerResponse r) {
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
    private void send(HttpServerResponse r, int from, int len, boolean end) {
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

    private static long contentLength(String value) {
        if (value == null) {
            return -1;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
