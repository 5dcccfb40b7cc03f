package io.rapidjava.rapid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ThrottleTest {

    @Test
    void oneLinePerWindowAndTheHeldCountWithTheNext() {
        Throttle throttle = new Throttle(5);
        assertEquals(0, throttle.pass());
        long held = 0;
        long passed;
        long deadline = System.nanoTime() + 5_000_000_000L;
        // Every event inside the window is held back and counted; the first after it reports the count.
        while ((passed = throttle.pass()) < 0 && System.nanoTime() < deadline) {
            held++;
        }
        assertEquals(held, passed);
    }

    @Test
    void holdsEverythingInsideALongWindow() {
        Throttle throttle = new Throttle(60_000);
        assertEquals(0, throttle.pass());
        for (int i = 0; i < 100; i++) {
            assertEquals(-1, throttle.pass());
        }
    }

    @Test
    void messageNamesTheHeldCountOnlyWhenThereIsOne() {
        assertEquals("x", Throttle.withHeld("x", 0));
        assertEquals("x (and 3 more since the last report)", Throttle.withHeld("x", 3));
    }
}
