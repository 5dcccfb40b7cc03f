package io.rapidjava.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The queue's bound, its gaps where drops happened, the batches it hands out and when it wakes the event loop. */
class SubscriberQueueTest {

    private final Counters counters = new Counters();

    private static Envelope event(String text) {
        return new Envelope(Category.FUNCTION, "function", text.getBytes(StandardCharsets.UTF_8));
    }

    private SubscriberQueue queue(int maxItems, int maxBytes, int timeoutMs) {
        return new SubscriberQueue(new Batch(new Buffering(maxItems, maxBytes, timeoutMs)), counters);
    }

    private static List<String> texts(SubscriberQueue.Taken taken) {
        return taken.entries().stream().map(e -> new String(e.envelope().json(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void itWakesTheEventLoopForTheFirstEventAndForAFullBatchOnly() {
        SubscriberQueue queue = queue(3, 1 << 20, 1000);
        assertTrue(queue.offer(event("a"), 0), "a batch's timeout starts");
        assertFalse(queue.offer(event("b"), 1));
        assertTrue(queue.offer(event("c"), 2), "full");
        assertFalse(queue.offer(event("d"), 3), "still full: the event loop knows");
        assertEquals(Long.MIN_VALUE, queue.closesAt());
        assertEquals(List.of("a", "b", "c"), texts(queue.take()));
        assertEquals(1_000_000_003L, queue.closesAt(), "the next batch closes timeoutMs after its first event");
    }

    @Test
    void aBatchStopsBeforeMaxBytesUnlessItsOneEventIsBigger() {
        SubscriberQueue queue = queue(100, 10, 1000);
        queue.offer(event("12345678901"), 0);
        queue.offer(event("1234"), 0);
        queue.offer(event("12345"), 0);
        queue.offer(event("1"), 0);
        assertEquals(List.of("12345678901"), texts(queue.take()));
        assertEquals(List.of("1234", "12345", "1"), texts(queue.take()));
        assertEquals(Long.MAX_VALUE, queue.closesAt());
    }

    @Test
    void overflowIsDroppedAndTheNextEventCarriesTheGap() {
        SubscriberQueue queue = queue(SubscriberQueue.MAX_EVENTS, Integer.MAX_VALUE, 1000);
        for (int i = 0; i < SubscriberQueue.MAX_EVENTS + 2; i++) {
            queue.offer(event("e" + i), 0);
        }
        assertEquals(2, counters.snapshot().dropped());
        SubscriberQueue.Taken all = queue.take();
        assertEquals(SubscriberQueue.MAX_EVENTS, all.entries().size());
        assertEquals(new SubscriberQueue.Gap(2, 12, SubscriberQueue.SLOWER), all.gapAfter(),
                "emptied: the drops came after all of it");
        queue.offer(event("late"), 0);
        assertNull(queue.take().entries().getFirst().gapBefore(), "reported once");
    }

    @Test
    void aFullQueueDropsWhatWasNotEncodedAtItsAverageSize() {
        SubscriberQueue queue = queue(SubscriberQueue.MAX_EVENTS, Integer.MAX_VALUE, 1000);
        assertFalse(queue.dropIfFull(), "room: nothing dropped");
        for (int i = 0; i < SubscriberQueue.MAX_EVENTS; i++) {
            queue.offer(event(i % 2 == 0 ? "ab" : "abcd"), 0);
        }
        assertTrue(queue.full());
        assertTrue(queue.dropIfFull());
        assertTrue(queue.dropIfFull());
        assertEquals(2, counters.snapshot().dropped());
        assertEquals(new SubscriberQueue.Gap(2, 6, SubscriberQueue.SLOWER), queue.take().gapAfter(),
                "two events at the queued ones' average of 3 bytes");
        assertFalse(queue.full());
        assertFalse(queue.dropIfFull());
    }

    @Test
    void aQueueIsFullOnceAnEventOfItsAverageSizeWouldPassTheBytesBound() {
        SubscriberQueue queue = queue(SubscriberQueue.MAX_EVENTS, Integer.MAX_VALUE, 1000);
        Envelope record = event("r".repeat(500));
        int size = record.json().length;
        int fit = (int) (SubscriberQueue.MAX_BYTES / size);
        for (int i = 0; i < fit - 1; i++) {
            queue.offer(record, 0);
        }
        assertFalse(queue.full(), "one more of its size still fits");
        assertFalse(queue.dropIfFull());
        queue.offer(record, 0);
        assertTrue(fit < SubscriberQueue.MAX_EVENTS, "the bytes bound comes first");
        assertTrue(queue.full(), "full at " + fit + " events of " + size + " bytes");
        assertFalse(queue.offer(record, 0), "the one it would have encoded is dropped by the bound too");
        assertTrue(queue.dropIfFull());
        assertEquals(2, counters.snapshot().dropped());
        assertEquals(new SubscriberQueue.Gap(2, 2L * size, SubscriberQueue.SLOWER), queue.take().gapAfter());
    }

    @Test
    void theBoundIsAlsoInBytesAndAGapLandsBeforeTheFirstEventThatFits() {
        SubscriberQueue queue = queue(1, Integer.MAX_VALUE, 1000);
        String mib = "x".repeat(1 << 20);
        int mibs = (int) (SubscriberQueue.MAX_BYTES >> 20);
        for (int i = 0; i < mibs; i++) {
            queue.offer(event(mib), 0);
        }
        queue.offer(event("y"), 0);
        assertEquals(1, counters.snapshot().dropped(), SubscriberQueue.MAX_BYTES + " bytes is the bound");
        assertNull(queue.take().gapAfter());
        queue.offer(event("after"), 0);
        for (int i = 0; i < mibs - 1; i++) {
            assertEquals(mib, texts(queue.take()).getFirst());
        }
        SubscriberQueue.Taken taken = queue.take();
        assertEquals(List.of("after"), texts(taken));
        assertEquals(new SubscriberQueue.Gap(1, 1, SubscriberQueue.SLOWER), taken.entries().getFirst().gapBefore());
        assertNull(taken.gapAfter());
    }

    @Test
    void aReplayGoesAheadOfWhatCameLive() {
        SubscriberQueue queue = queue(10, 1 << 20, 1000);
        queue.offer(event("live"), 5);
        queue.prepend(List.of(event("r1"), event("r2")), 7);
        assertEquals(3, queue.enqueued());
        SubscriberQueue.Taken taken = queue.take();
        assertEquals(List.of("r1", "r2", "live"), texts(taken));
        assertEquals(3, taken.takenUpTo());
    }
}
