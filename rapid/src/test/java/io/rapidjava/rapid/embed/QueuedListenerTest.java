package io.rapidjava.rapid.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.interop.PlatformEvent;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A host's listener never holds up the sandbox: a stuck one loses events (counted), a working one gets all, in order. */
class QueuedListenerTest {

    private static PlatformEvent start(int i) {
        return new PlatformEvent.InvokeStart(Instant.EPOCH, "r" + i, "$LATEST");
    }

    @Test
    void aStuckListenerDropsWhatDoesNotFitAndNeverBlocks() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        QueuedListener queued = new QueuedListener(e -> {
            try {
                release.await();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
        });
        int sent = QueuedListener.CAPACITY + 1000;
        long startNanos = System.nanoTime();
        for (int i = 0; i < sent; i++) {
            queued.on(start(i));
        }
        assertTrue(System.nanoTime() - startNanos < TimeUnit.SECONDS.toNanos(30), "on() must not wait");
        assertTrue(queued.dropped() >= 999, "dropped " + queued.dropped());
        release.countDown();
        queued.close();
    }

    @Test
    void aListenerGetsEveryEventInOrderAndOneThatThrowsKeepsGettingThem() throws Exception {
        List<String> got = new CopyOnWriteArrayList<>();
        CountDownLatch all = new CountDownLatch(100);
        QueuedListener queued = new QueuedListener(e -> {
            got.add(e.requestId());
            all.countDown();
            if (got.size() == 1) {
                throw new IllegalStateException("a bug of the host's");
            }
        });
        for (int i = 0; i < 100; i++) {
            queued.on(start(i));
        }
        assertTrue(all.await(10, TimeUnit.SECONDS));
        assertEquals("r0", got.getFirst());
        assertEquals("r99", got.getLast());
        assertEquals(100, got.size());
        assertEquals(0, queued.dropped());
        queued.close();
    }
}
