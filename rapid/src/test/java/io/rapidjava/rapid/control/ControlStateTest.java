package io.rapidjava.rapid.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.rapidjava.interop.SandboxRefusal;
import io.rapidjava.rapid.control.ControlState.Call;
import org.junit.jupiter.api.Test;

/** Out-of-order and concurrent control calls: each refusal, and that a refusal changes nothing. */
class ControlStateTest {

    private static String refusal(ControlState s, Call call, boolean bound) {
        SandboxRefusal r = s.start(call, bound);
        return r == null ? null : r.errorType();
    }

    @Test
    void deferredInitOnceAndOnlyOnce() {
        ControlState s = new ControlState(true);
        assertEquals("Sandbox.NotInitialized", refusal(s, Call.INVOKE, false));
        assertEquals("Sandbox.NotInitialized", refusal(s, Call.RESET, false));
        assertNull(refusal(s, Call.INIT, false));
        assertEquals("Sandbox.AlreadyInitialized", refusal(s, Call.INIT, true), "while one runs");
        assertEquals("Sandbox.InitInProgress", refusal(s, Call.RESET, true));
        assertNull(refusal(s, Call.INVOKE, true), "an invoke waits for the init in the sandbox");
        s.ended(Call.INIT, true);
        assertEquals("Sandbox.AlreadyInitialized", refusal(s, Call.INIT, true), "after one");
        assertNull(refusal(s, Call.RESET, true));
    }

    @Test
    void anInitThatBoundNothingMayBeSentAgain() {
        ControlState s = new ControlState(true);
        assertNull(refusal(s, Call.INIT, false));
        s.ended(Call.INIT, false);
        assertNull(refusal(s, Call.INIT, false));
    }

    @Test
    void eagerDaemonsRefuseInit() {
        ControlState s = new ControlState(false);
        SandboxRefusal r = s.start(Call.INIT, true);
        assertEquals("Sandbox.AlreadyInitialized", r.errorType());
        assertEquals("The daemon was started with --init-mode eager: its function is bound.", r.getMessage());
        assertNull(refusal(s, Call.INVOKE, true));
    }

    @Test
    void oneResetAtATime() {
        ControlState s = new ControlState(false);
        assertNull(refusal(s, Call.RESET, true));
        assertEquals("Sandbox.ResetInProgress", refusal(s, Call.RESET, true));
        assertNull(refusal(s, Call.INVOKE, true), "invokes wait for the reset in the sandbox");
        s.ended(Call.RESET, true);
        assertNull(refusal(s, Call.RESET, true));
    }

    @Test
    void aShutdownMayInterruptAResetAndEndsEverything() {
        ControlState s = new ControlState(false);
        assertNull(refusal(s, Call.RESET, true));
        assertNull(refusal(s, Call.SHUTDOWN, true));
        assertEquals(true, s.shuttingDown());
        for (Call c : Call.values()) {
            assertEquals("Sandbox.ShuttingDown", refusal(s, c, true), c.name());
        }
        s.ended(Call.RESET, true);
        assertEquals("Sandbox.ShuttingDown", refusal(s, Call.RESET, true), "for good");
    }
}
