package io.rapidjava.rapid.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformEvent.InvokeStart;
import io.rapidjava.interop.PlatformEvent.LogLine;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class RecordedEventsTest {

    private static InvokeStart start(String requestId) {
        return new InvokeStart(PlatformEvent.now(), requestId, "$LATEST");
    }

    private static LogLine line(String name, String text) {
        return new LogLine(PlatformEvent.now(), "extension", name, null, text);
    }

    @Test
    void awaitReturnsAnEventRecordedBefore() {
        RecordedEvents events = new RecordedEvents();
        InvokeStart a = start("a");
        events.on(line("ext", "hello"));
        events.on(a);
        assertSame(a, events.await(InvokeStart.class, s -> s.requestId().equals("a"), Duration.ZERO));
    }

    @Test
    void awaitReturnsTheFirstMatchInOrder() {
        RecordedEvents events = new RecordedEvents();
        LogLine first = line("ext", "INVOKE 1");
        events.on(first);
        events.on(line("ext", "INVOKE 2"));
        assertSame(first, events.await(LogLine.class, l -> l.text().startsWith("INVOKE"), Duration.ZERO));
    }

    @Test
    void awaitWakesForAnEventRecordedLaterOnAnotherThread() throws Exception {
        RecordedEvents events = new RecordedEvents();
        CountDownLatch go = new CountDownLatch(1);
        InvokeStart wanted = start("wanted");
        Thread sandbox = Thread.ofPlatform().start(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            for (int i = 0; i < 1_000; i++) {
                events.on(start("other-" + i));
            }
            events.on(wanted);
        });
        long t0 = System.nanoTime();
        go.countDown();
        InvokeStart got = events.await(InvokeStart.class, s -> s.requestId().equals("wanted"), Duration.ofSeconds(30));
        assertSame(wanted, got);
        // woken by the event, not by the deadline
        assertTrue(Duration.ofNanos(System.nanoTime() - t0).compareTo(Duration.ofSeconds(10)) < 0);
        sandbox.join();
    }

    @Test
    void awaitFailsAtItsDeadlineNamingWhatCame() {
        RecordedEvents events = new RecordedEvents();
        events.on(start("a"));
        long t0 = System.nanoTime();
        AssertionError e = assertThrows(AssertionError.class,
                () -> events.await(InvokeStart.class, s -> s.requestId().equals("b"), Duration.ofMillis(100)));
        assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(100).toNanos());
        assertTrue(e.getMessage().startsWith("no InvokeStart as awaited within PT0.1S; 1 event(s) recorded"),
                e.getMessage());
        assertTrue(e.getMessage().contains("requestId=a"), e.getMessage());
    }

    @Test
    void ofKeepsOneTypeInOrder() {
        RecordedEvents events = new RecordedEvents();
        events.on(start("a"));
        events.on(line("ext", "x"));
        events.on(start("b"));
        assertEquals(List.of("a", "b"), events.of(InvokeStart.class).stream().map(InvokeStart::requestId).toList());
        assertEquals(3, events.all().size());
        assertTrue(events.find(InvokeStart.class, s -> s.requestId().equals("c")).isEmpty());
    }

    @Test
    void pastItsCapacityLaterEventsAreCountedAndDropped() {
        RecordedEvents events = new RecordedEvents(3);
        for (int i = 0; i < 5; i++) {
            events.on(start(Integer.toString(i)));
        }
        assertEquals(List.of("0", "1", "2"), events.of(InvokeStart.class).stream().map(InvokeStart::requestId).toList());
        assertEquals(2, events.dropped());
        AssertionError e = assertThrows(AssertionError.class,
                () -> events.await(InvokeStart.class, s -> s.requestId().equals("4"), Duration.ZERO));
        assertTrue(e.getMessage().contains("2 dropped past the first 3"), e.getMessage());
    }

    @Test
    void concurrentWritersLoseNothingAcrossChunks() throws Exception {
        RecordedEvents events = new RecordedEvents();
        int writers = 4;
        int each = 10_000;
        Thread[] threads = new Thread[writers];
        for (int w = 0; w < writers; w++) {
            int id = w;
            threads[w] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < each; i++) {
                    events.on(start(id + "-" + i));
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        Set<String> ids = new HashSet<>();
        for (InvokeStart s : events.of(InvokeStart.class)) {
            ids.add(s.requestId());
        }
        assertEquals(writers * each, ids.size());
        assertEquals(0, events.dropped());
    }

    @Test
    void aCapacityBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RecordedEvents(0));
    }
}
