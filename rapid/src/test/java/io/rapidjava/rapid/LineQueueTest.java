package io.rapidjava.rapid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The output queues: bounded in lines and in bytes, what does not fit dropped and counted, FIFO otherwise. */
class LineQueueTest {

    @Test
    void linesComeOutInOrder() {
        LineQueue q = new LineQueue(10, 1000);
        assertTrue(q.offer(new byte[] {1}));
        assertTrue(q.offer(new byte[] {2, 2}));
        assertFalse(q.isEmpty());
        assertArrayEquals(new byte[] {1}, q.poll());
        assertArrayEquals(new byte[] {2, 2}, q.poll());
        assertNull(q.poll());
        assertTrue(q.isEmpty());
    }

    @Test
    void theLineBoundDropsAndCounts() {
        LineQueue q = new LineQueue(3, 1 << 20);
        for (int i = 0; i < 3; i++) {
            assertTrue(q.offer(new byte[1]));
        }
        assertFalse(q.offer(new byte[1]));
        assertFalse(q.offer(new byte[1]));
        assertEquals(2, q.takeDropped());
        assertEquals(0, q.takeDropped(), "the count starts again after it was taken");
        q.poll();
        assertTrue(q.offer(new byte[1]), "a taken line makes room for one more");
    }

    @Test
    void theByteBoundDropsLongLinesEvenWhenFewAreQueued() {
        // 400 lines of 200 KB: a line count alone would let 80 MB wait
        LineQueue q = new LineQueue(100_000, 4L << 20);
        int queued = 0;
        for (int i = 0; i < 400; i++) {
            if (q.offer(new byte[200 * 1024])) {
                queued++;
            }
        }
        assertEquals(20, queued, "4 MiB holds twenty 200 KB lines");
        assertEquals(380, q.takeDropped());
    }

    @Test
    void aLineThatStillFitsIsTakenAfterALongOneWasDropped() {
        LineQueue q = new LineQueue(100, 100);
        assertTrue(q.offer(new byte[90]));
        assertFalse(q.offer(new byte[20]));
        assertTrue(q.offer(new byte[10]), "exactly at the bound");
        assertEquals(1, q.takeDropped());
        q.poll();
        assertTrue(q.offer(new byte[90]), "polled bytes are given back");
    }
}
