package io.rapidjava.extensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every state × call pair of spec §2.2 (external) and §2.3 (internal); anything not listed is refused. */
class ExtensionStateMachineTest {

    private static final Map<ExtensionState, Map<ExtensionCall, ExtensionState>> EXTERNAL = new EnumMap<>(ExtensionState.class);
    private static final Map<ExtensionState, Map<ExtensionCall, ExtensionState>> INTERNAL = new EnumMap<>(ExtensionState.class);

    private static void allow(Map<ExtensionState, Map<ExtensionCall, ExtensionState>> table, ExtensionState from,
                              ExtensionCall call, ExtensionState to) {
        table.computeIfAbsent(from, k -> new EnumMap<>(ExtensionCall.class)).put(call, to);
    }

    static {
        for (var table : java.util.List.of(EXTERNAL, INTERNAL)) {
            allow(table, ExtensionState.Started, ExtensionCall.REGISTER, ExtensionState.Registered);
            allow(table, ExtensionState.Registered, ExtensionCall.NEXT, ExtensionState.Ready);
            allow(table, ExtensionState.Running, ExtensionCall.NEXT, ExtensionState.Ready);
            allow(table, ExtensionState.Ready, ExtensionCall.RELEASE, ExtensionState.Running);
            allow(table, ExtensionState.Registered, ExtensionCall.INIT_ERROR, ExtensionState.InitError);
            allow(table, ExtensionState.InitError, ExtensionCall.INIT_ERROR, ExtensionState.InitError);
            for (ExtensionState from : new ExtensionState[] {ExtensionState.Registered, ExtensionState.Ready,
                    ExtensionState.Running, ExtensionState.ExitError}) {
                allow(table, from, ExtensionCall.EXIT_ERROR, ExtensionState.ExitError);
            }
        }
        allow(EXTERNAL, ExtensionState.Running, ExtensionCall.EXITED, ExtensionState.Exited);
        allow(EXTERNAL, ExtensionState.Started, ExtensionCall.LAUNCH_FAILED, ExtensionState.LaunchError);
        for (ExtensionState from : new ExtensionState[] {ExtensionState.Started, ExtensionState.Registered,
                ExtensionState.Ready, ExtensionState.Running, ExtensionState.InitError, ExtensionState.ExitError}) {
            allow(EXTERNAL, from, ExtensionCall.SHUTDOWN_FAILED, ExtensionState.ShutdownFailed);
        }
    }

    @Test
    void everyPairOfTheExternalTable() {
        checkAll(ExtensionKind.EXTERNAL, EXTERNAL);
    }

    @Test
    void everyPairOfTheInternalTable() {
        checkAll(ExtensionKind.INTERNAL, INTERNAL);
    }

    private static void checkAll(ExtensionKind kind, Map<ExtensionState, Map<ExtensionCall, ExtensionState>> table) {
        for (ExtensionState from : ExtensionState.values()) {
            for (ExtensionCall call : ExtensionCall.values()) {
                ExtensionState expected = table.getOrDefault(from, Map.of()).get(call);
                assertEquals(expected, ExtensionStateMachine.next(kind, from, call), kind + ": " + from + " + " + call);
            }
        }
    }

    @Test
    void aRefusedCallChangesNothingAndNamesTheTarget() {
        ExtensionStateMachine m = new ExtensionStateMachine(ExtensionKind.EXTERNAL);
        ExtensionStateMachine.Transition t = m.apply(ExtensionCall.NEXT);
        assertFalse(t.allowed());
        assertEquals(ExtensionState.Started, t.from());
        assertEquals(ExtensionState.Ready, t.to());
        assertEquals(ExtensionState.Started, m.state());
    }

    @Test
    void aWholeLifeOfAnExternalExtension() {
        ExtensionStateMachine m = new ExtensionStateMachine(ExtensionKind.EXTERNAL);
        for (ExtensionCall call : new ExtensionCall[] {ExtensionCall.REGISTER, ExtensionCall.NEXT, ExtensionCall.RELEASE,
                ExtensionCall.NEXT, ExtensionCall.RELEASE, ExtensionCall.EXITED}) {
            assertTrue(m.apply(call).allowed(), call.name());
        }
        assertEquals(ExtensionState.Exited, m.state());
    }
}
