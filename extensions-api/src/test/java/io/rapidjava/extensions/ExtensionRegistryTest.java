package io.rapidjava.extensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ExtensionRegistryTest {

    private static final Set<EventType> BOTH = EnumSet.of(EventType.INVOKE, EventType.SHUTDOWN);
    private static final Set<EventType> INVOKE = EnumSet.of(EventType.INVOKE);

    private static void assertRefused(ExtensionRegistry.Registration r, String type, String message) {
        assertNull(r.extension());
        assertNotNull(r.error());
        assertEquals(403, r.error().status());
        assertEquals(type, r.error().errorType());
        assertEquals(message, r.error().errorMessage());
    }

    @Test
    void aLaunchedNameRegistersThatExternalExtension() {
        ExtensionRegistry reg = new ExtensionRegistry();
        Extension launched = reg.launched("logger");
        assertFalse(reg.externalsRegistered());
        ExtensionRegistry.Registration r = reg.register("logger", BOTH);
        assertSame(launched, r.extension());
        assertEquals(ExtensionKind.EXTERNAL, launched.kind());
        assertEquals(ExtensionState.Registered, launched.state());
        assertEquals(BOTH, launched.events());
        assertTrue(reg.externalsRegistered());
        assertSame(launched, reg.byId(launched.id()));
    }

    @Test
    void registeringTwiceIsAnIllegalTransitionNamedByTheExtension() {
        ExtensionRegistry reg = new ExtensionRegistry();
        reg.launched("logger");
        reg.register("logger", BOTH);
        assertRefused(reg.register("logger", BOTH), "Extension.InvalidExtensionState",
                "State transition from Registered to Registered failed for extension logger."
                        + " Error: State transition is not allowed");
    }

    @Test
    void otherNamesAreInternalUntilRegistrationCloses() {
        ExtensionRegistry reg = new ExtensionRegistry();
        ExtensionRegistry.Registration r = reg.register("agent", INVOKE);
        assertEquals(ExtensionKind.INTERNAL, r.extension().kind());
        assertTrue(reg.anyInternal());
        assertRefused(reg.register("agent", INVOKE), "Extension.InvalidExtensionState",
                "Extension with this name already registered");
        reg.closeRegistration();
        assertRefused(reg.register("late", INVOKE), "Extension.RegistrationClosed", "Extension registration closed already");
    }

    @Test
    void internalExtensionsCannotSubscribeToShutdown() {
        ExtensionRegistry reg = new ExtensionRegistry();
        assertRefused(reg.register("agent", BOTH), "Extension.InvalidEventType",
                "SHUTDOWN: ShutdownEventNotSupportedForInternalExtension");
        assertEquals(0, reg.registeredCount());
    }

    @Test
    void atMostTenExtensions() {
        ExtensionRegistry reg = new ExtensionRegistry();
        for (int i = 0; i < 10; i++) {
            assertNotNull(reg.register("agent-" + i, INVOKE).extension());
        }
        assertRefused(reg.register("agent-10", INVOKE), "Extension.TooManyExtensions", "Extension limit (10) reached");
    }

    @Test
    void theGatesFollowTheExtensionsStates() {
        ExtensionRegistry reg = new ExtensionRegistry();
        Extension invoke = reg.launched("a");
        Extension shutdown = reg.launched("b");
        reg.register("a", INVOKE);
        reg.register("b", EnumSet.of(EventType.SHUTDOWN));
        assertFalse(reg.allParked());
        assertNull(invoke.next(null));
        assertFalse(reg.allParked());
        assertTrue(reg.subscribersParked(EventType.INVOKE));
        assertNull(shutdown.next(null));
        assertTrue(reg.allParked());
        invoke.deliver(new byte[0]);
        assertEquals(ExtensionState.Running, invoke.state());
        assertFalse(reg.subscribersParked(EventType.INVOKE));
        assertTrue(reg.subscribersParked(EventType.SHUTDOWN));
        assertEquals(java.util.List.of(invoke), reg.subscribers(EventType.INVOKE));
    }

    @Test
    void aSecondNextWhileParkedIsRefusedWithTheIdentifier() {
        ExtensionRegistry reg = new ExtensionRegistry();
        Extension e = reg.launched("a");
        reg.register("a", INVOKE);
        assertNull(e.next(null));
        ApiError refused = e.next(null);
        assertEquals("Extension.InvalidExtensionState", refused.errorType());
        assertEquals("State transition from Ready to Ready failed for extension " + e.id()
                + ". Error: State transition is not allowed", refused.errorMessage());
    }

    @Test
    void howAnExtensionEndedIsRecorded() {
        ExtensionRegistry reg = new ExtensionRegistry();
        Extension clean = reg.launched("clean");
        Extension killed = reg.launched("killed");
        Extension parked = reg.launched("parked");
        for (String name : new String[] {"clean", "killed", "parked"}) {
            reg.register(name, EnumSet.of(EventType.SHUTDOWN));
            reg.byName(name).next(null);
        }
        clean.deliver(new byte[0]);
        clean.exited(true);
        killed.deliver(new byte[0]);
        killed.exited(false);
        parked.exited(true);
        assertEquals(ExtensionState.Exited, clean.state());
        assertEquals(ExtensionState.ShutdownFailed, killed.state());
        assertEquals(ExtensionState.ShutdownFailed, parked.state());
    }
}
