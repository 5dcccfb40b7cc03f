package io.rapidjava.rapid.sandbox;

import io.rapidjava.interop.InvocationType;
import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Invokes accepted but not yet running, in arrival order, bounded in count and in bytes of events held. Their events
 * are read while they wait, as far as the byte budget allows (at least one at a time whatever the budget), so a slow
 * or broken upload holds back nobody: the sandbox takes the first invoke whose event can be delivered. Lives on the
 * sandbox's event loop.
 */
final class Intake {

    private final ArrayDeque<Invoke> waiting = new ArrayDeque<>();
    private final Vertx vertx;
    private final int maxInvokes;
    private final long maxBytes;
    private final long bodyIdleMillis;
    private final Consumer<Invoke> read;
    private final BiConsumer<Invoke, Event.Failure> failed;
    private long heldBytes;

    /** {@code read} and {@code failed} are told when an event is all in, or could not be read. */
    Intake(Vertx vertx, int maxInvokes, long maxBytes, long bodyIdleMillis, Consumer<Invoke> read,
           BiConsumer<Invoke, Event.Failure> failed) {
        this.vertx = vertx;
        this.maxInvokes = maxInvokes;
        this.maxBytes = maxBytes;
        this.bodyIdleMillis = bodyIdleMillis;
        this.read = read;
        this.failed = failed;
    }

    int size() {
        return waiting.size();
    }

    boolean full() {
        return waiting.size() >= maxInvokes;
    }

    /** Whether an event of {@code bytes} (its declared length; 0 when unknown) may be held now. */
    boolean fits(long bytes) {
        return heldBytes == 0 || heldBytes + Math.max(0, bytes) <= maxBytes;
    }

    long heldBytes() {
        return heldBytes;
    }

    void add(Invoke inv) {
        waiting.add(inv);
        fill();
    }

    /** Takes an invoke out (it runs now, or it failed or was refused): its bytes go back to the budget. */
    boolean remove(Invoke inv) {
        if (!waiting.remove(inv)) {
            return false;
        }
        heldBytes -= inv.heldBytes;
        inv.heldBytes = 0;
        fill();
        return true;
    }

    /** The oldest waiting invoke whose event is all in, or null. */
    Invoke firstReadable() {
        for (Invoke inv : waiting) {
            if (inv.event.complete()) {
                return inv;
            }
        }
        return null;
    }

    Invoke oldest() {
        return waiting.peek();
    }

    /** Every waiting invoke, removed (for a shutdown). */
    List<Invoke> drain() {
        List<Invoke> all = new ArrayList<>(waiting);
        waiting.clear();
        heldBytes = 0;
        return all;
    }

    /** Starts reading events, oldest first, while the budget allows; a held one is let go on when it fits again. */
    private void fill() {
        for (Iterator<Invoke> it = waiting.iterator(); it.hasNext(); ) {
            Invoke inv = it.next();
            Event e = inv.event;
            if (e.complete() || e.failed()) {
                continue;
            }
            if (!e.readStarted()) {
                if (!fits(e.declared())) {
                    continue;
                }
                charge(inv, Math.max(0, e.declared()));
                e.read(vertx, bodyIdleMillis, new Reading(inv));
            } else if (heldBytes <= maxBytes) {
                e.unhold();
            }
        }
    }

    private void charge(Invoke inv, long bytes) {
        inv.heldBytes += bytes;
        heldBytes += bytes;
    }

    /** One event's progress: a chunked event is charged as it arrives and held once it would overdraw the budget. */
    private final class Reading implements Event.Reading {
        private final Invoke inv;

        Reading(Invoke inv) {
            this.inv = inv;
        }

        @Override
        public void arrived(long bytes) {
            if (inv.event.declared() >= 0 || !waiting.contains(inv)) {
                return;
            }
            charge(inv, bytes);
            if (heldBytes > maxBytes && heldBytes > inv.heldBytes) {
                if (inv.type == InvocationType.EVENT) {
                    // an Event invoke is answered once its event is held; without room it is refused, not kept waiting
                    inv.event.refuse();
                } else {
                    inv.event.hold();
                }
            }
        }

        @Override
        public void complete() {
            read.accept(inv);
        }

        @Override
        public void failed(Event.Failure why) {
            failed.accept(inv, why);
        }
    }
}
