package io.rapidjava.rapid.junit;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Every platform event of a sandbox since it started, in the order they were recorded, for a test to wait for and
 * assert on. Bounded: past {@link #capacity()} events the later ones are counted and dropped (the first ones, from
 * the init on, are what tests ask about). Thread-safe; {@link #on} never blocks, since the sandbox calls it on its
 * own thread and on its processes' output threads.
 */
public final class RecordedEvents implements PlatformListener {

    /** The default bound: far above what a test makes, far below what would strain a test JVM's heap. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private static final int CHUNK = 1024;
    private static final int TAIL = 20;

    private final int capacity;
    // Fixed-size chunks made on first use: an append is one claim and one store, never a copy or a lock.
    private final AtomicReferenceArray<AtomicReferenceArray<PlatformEvent>> chunks;
    private final AtomicInteger claimed = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final CopyOnWriteArraySet<Thread> waiting = new CopyOnWriteArraySet<>();

    public RecordedEvents() {
        this(DEFAULT_CAPACITY);
    }

    public RecordedEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity " + capacity);
        }
        this.capacity = capacity;
        this.chunks = new AtomicReferenceArray<>((capacity + CHUNK - 1) / CHUNK);
    }

    /** Records one event (called by the sandbox). */
    @Override
    public void on(PlatformEvent event) {
        int i = claimed.getAndIncrement();
        if (i >= capacity) {
            claimed.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        chunk(i / CHUNK).set(i % CHUNK, event);
        for (Thread t : waiting) {
            LockSupport.unpark(t);
        }
    }

    /** The events recorded so far. */
    public List<PlatformEvent> all() {
        List<PlatformEvent> out = new ArrayList<>();
        for (int i = 0; ; i++) {
            PlatformEvent e = at(i);
            if (e == null) {
                return out;
            }
            out.add(e);
        }
    }

    /** The events of {@code type} recorded so far. */
    public <T extends PlatformEvent> List<T> of(Class<T> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** The first recorded event of {@code type} that matches, if any yet. */
    public <T extends PlatformEvent> Optional<T> find(Class<T> type, Predicate<? super T> match) {
        return of(type).stream().filter(match).findFirst();
    }

    /**
     * The first event of {@code type} that matches, recorded before or within {@code timeout}; an
     * {@link AssertionError} naming what was awaited and the last events recorded when none came.
     */
    public <T extends PlatformEvent> T await(Class<T> type, Predicate<? super T> match, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Thread self = Thread.currentThread();
        waiting.add(self);
        try {
            int next = 0;
            while (true) {
                // Scan what is new since the last look; registered first, so an event recorded from here on unparks us.
                for (PlatformEvent e = at(next); e != null; e = at(++next)) {
                    if (type.isInstance(e) && match.test(type.cast(e))) {
                        return type.cast(e);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + type.getSimpleName() + " as awaited within " + timeout
                            + describe());
                }
                LockSupport.parkNanos(this, left);
                if (Thread.interrupted()) {
                    self.interrupt();
                    throw new AssertionError("interrupted while awaiting a " + type.getSimpleName());
                }
            }
        } finally {
            waiting.remove(self);
        }
    }

    /** Awaits any event of {@code type}. */
    public <T extends PlatformEvent> T await(Class<T> type, Duration timeout) {
        return await(type, e -> true, timeout);
    }

    public int capacity() {
        return capacity;
    }

    /** How many events came after the recorder was full. */
    public long dropped() {
        return dropped.get();
    }

    /** For failure messages: how many were recorded, how many dropped, and the last few. */
    String describe() {
        List<PlatformEvent> all = all();
        StringBuilder sb = new StringBuilder("; ").append(all.size()).append(" event(s) recorded");
        if (dropped() > 0) {
            sb.append(", ").append(dropped()).append(" dropped past the first ").append(capacity);
        }
        if (!all.isEmpty()) {
            sb.append(", the last ").append(Math.min(TAIL, all.size())).append(':');
            for (PlatformEvent e : all.subList(Math.max(0, all.size() - TAIL), all.size())) {
                sb.append("\n  ").append(e);
            }
        }
        return sb.toString();
    }

    /** The event at {@code i}, or null if none is there yet (not recorded, or claimed and not yet stored). */
    private PlatformEvent at(int i) {
        if (i >= capacity) {
            return null;
        }
        AtomicReferenceArray<PlatformEvent> c = chunks.get(i / CHUNK);
        return c == null ? null : c.get(i % CHUNK);
    }

    private AtomicReferenceArray<PlatformEvent> chunk(int n) {
        AtomicReferenceArray<PlatformEvent> c = chunks.get(n);
        if (c == null) {
            int size = Math.min(CHUNK, capacity - n * CHUNK);
            chunks.compareAndSet(n, null, new AtomicReferenceArray<>(size));
            c = chunks.get(n);
        }
        return c;
    }
}
