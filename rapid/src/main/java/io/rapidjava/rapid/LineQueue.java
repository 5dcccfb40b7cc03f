package io.rapidjava.rapid;

import java.util.ArrayDeque;

/**
 * Encoded lines waiting for a writer, bounded in lines and in bytes (a line may be 256 KB, so a count alone does
 * not bound the heap). A line that does not fit is dropped and counted, never waited for.
 */
final class LineQueue {

    private final int maxLines;
    private final long maxBytes;
    private final ArrayDeque<byte[]> lines = new ArrayDeque<>();
    private long bytes;
    private long dropped;

    LineQueue(int maxLines, long maxBytes) {
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
    }

    /** Queues {@code line}, or drops it when it would pass a bound; false if dropped. */
    synchronized boolean offer(byte[] line) {
        if (lines.size() >= maxLines || bytes + line.length > maxBytes) {
            dropped++;
            return false;
        }
        lines.add(line);
        bytes += line.length;
        return true;
    }

    /** The oldest line, null when none waits. */
    synchronized byte[] poll() {
        byte[] line = lines.poll();
        if (line != null) {
            bytes -= line.length;
        }
        return line;
    }

    synchronized boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Lines dropped since the last call. */
    synchronized long takeDropped() {
        long n = dropped;
        dropped = 0;
        return n;
    }
}
