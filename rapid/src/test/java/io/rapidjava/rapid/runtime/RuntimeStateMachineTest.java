package io.rapidjava.rapid.runtime;

import static io.rapidjava.rapid.runtime.RuntimeCall.ERROR;
import static io.rapidjava.rapid.runtime.RuntimeCall.INIT_ERROR;
import static io.rapidjava.rapid.runtime.RuntimeCall.NEXT;
import static io.rapidjava.rapid.runtime.RuntimeCall.RELEASE;
import static io.rapidjava.rapid.runtime.RuntimeCall.RESPONSE;
import static io.rapidjava.rapid.runtime.RuntimeCall.RESPONSE_SENT;
import static io.rapidjava.rapid.runtime.RuntimeCall.RESTORE_ERROR;
import static io.rapidjava.rapid.runtime.RuntimeCall.RESTORE_NEXT;
import static io.rapidjava.rapid.runtime.RuntimeCall.RESTORE_RELEASE;
import static io.rapidjava.rapid.runtime.RuntimeCall.WITHDRAW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.rapid.runtime.RuntimeStateMachine.Transition;
import io.rapidjava.rendering.Bodies;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Spec §2.1: the runtime state machine, every (state, call) pair. */
class RuntimeStateMachineTest {

    /** How to reach each state from Started through allowed calls only. */
    private static final Map<RuntimeState, List<RuntimeCall>> PATHS = new EnumMap<>(RuntimeState.class);

    /** The allowed transitions; every pair not listed is refused. */
    private static final Map<RuntimeState, Map<RuntimeCall, RuntimeState>> ALLOWED = new EnumMap<>(RuntimeState.class);

    static {
        PATHS.put(RuntimeState.Started, List.of());
        PATHS.put(RuntimeState.Ready, List.of(NEXT));
        PATHS.put(RuntimeState.Running, List.of(NEXT, RELEASE));
        PATHS.put(RuntimeState.InvocationResponse, List.of(NEXT, RELEASE, RESPONSE));
        PATHS.put(RuntimeState.InvocationErrorResponse, List.of(NEXT, RELEASE, ERROR));
        PATHS.put(RuntimeState.RuntimeResponseSentState, List.of(NEXT, RELEASE, RESPONSE, RESPONSE_SENT));
        PATHS.put(RuntimeState.InitError, List.of(INIT_ERROR));
        PATHS.put(RuntimeState.RestoreReady, List.of(RESTORE_NEXT));
        PATHS.put(RuntimeState.Restoring, List.of(RESTORE_NEXT, RESTORE_RELEASE));
        PATHS.put(RuntimeState.RuntimeRestoreErrorState, List.of(RESTORE_NEXT, RESTORE_RELEASE, RESTORE_ERROR));

        for (RuntimeState s : RuntimeState.values()) {
            ALLOWED.put(s, new EnumMap<>(RuntimeCall.class));
        }
        ALLOWED.get(RuntimeState.Started).put(NEXT, RuntimeState.Ready);
        ALLOWED.get(RuntimeState.Started).put(INIT_ERROR, RuntimeState.InitError);
        ALLOWED.get(RuntimeState.Ready).put(RELEASE, RuntimeState.Running);
        ALLOWED.get(RuntimeState.Running).put(NEXT, RuntimeState.Running);
        ALLOWED.get(RuntimeState.Running).put(WITHDRAW, RuntimeState.Ready);
        ALLOWED.get(RuntimeState.Running).put(RESPONSE, RuntimeState.InvocationResponse);
        ALLOWED.get(RuntimeState.Running).put(ERROR, RuntimeState.InvocationErrorResponse);
        ALLOWED.get(RuntimeState.InvocationResponse).put(RESPONSE_SENT, RuntimeState.RuntimeResponseSentState);
        ALLOWED.get(RuntimeState.InvocationErrorResponse).put(RESPONSE_SENT, RuntimeState.RuntimeResponseSentState);
        ALLOWED.get(RuntimeState.RuntimeResponseSentState).put(NEXT, RuntimeState.Ready);
        ALLOWED.get(RuntimeState.Started).put(RESTORE_NEXT, RuntimeState.RestoreReady);
        ALLOWED.get(RuntimeState.RestoreReady).put(RESTORE_RELEASE, RuntimeState.Restoring);
        ALLOWED.get(RuntimeState.Restoring).put(NEXT, RuntimeState.Ready);
        ALLOWED.get(RuntimeState.Restoring).put(RESTORE_ERROR, RuntimeState.RuntimeRestoreErrorState);
        // an init error while restoring is taken as the restore's error
        ALLOWED.get(RuntimeState.Restoring).put(INIT_ERROR, RuntimeState.RuntimeRestoreErrorState);
        // InitError and RuntimeRestoreErrorState: nothing.
    }

    private static RuntimeStateMachine machineIn(RuntimeState state) {
        RuntimeStateMachine m = new RuntimeStateMachine();
        for (RuntimeCall call : PATHS.get(state)) {
            Transition t = m.apply(call);
            assertTrue(t.allowed(), "path to " + state + " refused at " + call + " from " + t.from());
        }
        assertEquals(state, m.state(), "path to " + state);
        return m;
    }

    static Stream<Arguments> allPairs() {
        List<Arguments> pairs = new ArrayList<>();
        for (RuntimeState s : RuntimeState.values()) {
            for (RuntimeCall c : RuntimeCall.values()) {
                pairs.add(Arguments.of(s, c));
            }
        }
        return pairs.stream();
    }

    @Test
    void everyStateIsReachable() {
        for (RuntimeState s : RuntimeState.values()) {
            assertTrue(PATHS.containsKey(s), "no path to " + s);
            machineIn(s);
        }
    }

    @Test
    void initialStateIsStarted() {
        assertEquals(RuntimeState.Started, new RuntimeStateMachine().state());
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("allPairs")
    void transitionTable(RuntimeState from, RuntimeCall call) {
        RuntimeStateMachine m = machineIn(from);
        RuntimeState expected = ALLOWED.get(from).get(call);
        Transition t = m.apply(call);
        if (expected != null) {
            assertTrue(t.allowed(), from + " + " + call + " should be allowed");
            assertEquals(from, t.from());
            assertEquals(expected, t.to());
            assertEquals(expected, m.state());
        } else {
            assertFalse(t.allowed(), from + " + " + call + " should be refused");
            assertEquals(from, t.from());
            assertEquals(call.target(), t.to(), "a refusal reports the call's target state");
            assertEquals(from, m.state(), "a refused call leaves the state unchanged");
        }
    }

    @ParameterizedTest(name = "{0} + {1} twice")
    @MethodSource("allPairs")
    void refusedCallDoesNotDisturbLaterCalls(RuntimeState from, RuntimeCall call) {
        RuntimeStateMachine m = machineIn(from);
        if (ALLOWED.get(from).containsKey(call)) {
            return;
        }
        m.apply(call);
        // Every call that was allowed before the refusal is still allowed, with the same outcome.
        for (Map.Entry<RuntimeCall, RuntimeState> e : ALLOWED.get(from).entrySet()) {
            RuntimeStateMachine copy = machineIn(from);
            copy.apply(call);
            Transition t = copy.apply(e.getKey());
            assertTrue(t.allowed());
            assertEquals(e.getValue(), copy.state());
        }
        assertEquals(from, m.state());
    }

    @Test
    void callTargets() {
        assertEquals(RuntimeState.Ready, NEXT.target());
        assertEquals(RuntimeState.Running, RELEASE.target());
        assertEquals(RuntimeState.InvocationResponse, RESPONSE.target());
        assertEquals(RuntimeState.InvocationErrorResponse, ERROR.target());
        assertEquals(RuntimeState.RuntimeResponseSentState, RESPONSE_SENT.target());
        assertEquals(RuntimeState.InitError, INIT_ERROR.target());
        // Lambda's refusal of restore/next names Ready (sic)
        assertEquals(RuntimeState.Ready, RESTORE_NEXT.target());
        assertEquals(RuntimeState.Restoring, RESTORE_RELEASE.target());
        assertEquals(RuntimeState.RuntimeRestoreErrorState, RESTORE_ERROR.target());
    }

    @Test
    void restoreCycleThenInvokes() {
        RuntimeStateMachine m = new RuntimeStateMachine();
        for (RuntimeCall c : List.of(RESTORE_NEXT, RESTORE_RELEASE, NEXT, RELEASE, RESPONSE, RESPONSE_SENT, NEXT)) {
            assertTrue(m.apply(c).allowed(), c + " from " + m.state());
        }
        assertEquals(RuntimeState.Ready, m.state());
        assertFalse(m.apply(RESTORE_NEXT).allowed(), "restore/next only once, before the snapshot");
    }

    @Test
    void nextWhileWaitingInRestoreNextIsRefused() {
        Transition t = machineIn(RuntimeState.RestoreReady).apply(NEXT);
        assertFalse(t.allowed());
        assertEquals(RuntimeState.RestoreReady, t.from());
        assertEquals(RuntimeState.Ready, t.to());
    }

    @Test
    void restoreErrorIsTerminal() {
        RuntimeStateMachine m = machineIn(RuntimeState.RuntimeRestoreErrorState);
        for (RuntimeCall c : RuntimeCall.values()) {
            assertFalse(m.apply(c).allowed(), c + " after a restore error");
        }
        assertEquals(RuntimeState.RuntimeRestoreErrorState, m.state());
    }

    @Test
    void fullInvokeCyclesWithResponseAndError() {
        RuntimeStateMachine m = new RuntimeStateMachine();
        List<RuntimeCall> calls = List.of(NEXT, RELEASE, RESPONSE, RESPONSE_SENT, NEXT, RELEASE, ERROR, RESPONSE_SENT,
                NEXT, RELEASE, NEXT, NEXT, RESPONSE, RESPONSE_SENT, NEXT);
        for (RuntimeCall c : calls) {
            assertTrue(m.apply(c).allowed(), c + " from " + m.state());
        }
        assertEquals(RuntimeState.Ready, m.state());
    }

    @Test
    void repeatedNextWhileRunningStaysRunning() {
        RuntimeStateMachine m = machineIn(RuntimeState.Running);
        for (int i = 0; i < 3; i++) {
            Transition t = m.apply(NEXT);
            assertEquals(new Transition(true, RuntimeState.Running, RuntimeState.Running), t);
        }
        assertEquals(RuntimeState.Running, m.state());
    }

    // --- security cases (spec §10.2) ---

    @Test
    void responseBeforeAnyNextIsRefusedFromStarted() {
        RuntimeStateMachine m = new RuntimeStateMachine();
        assertEquals(new Transition(false, RuntimeState.Started, RuntimeState.InvocationResponse), m.apply(RESPONSE));
        assertEquals(RuntimeState.Started, m.state());
    }

    @Test
    void errorBeforeAnyNextIsRefusedFromStarted() {
        RuntimeStateMachine m = new RuntimeStateMachine();
        assertEquals(new Transition(false, RuntimeState.Started, RuntimeState.InvocationErrorResponse), m.apply(ERROR));
        assertEquals(RuntimeState.Started, m.state());
    }

    @Test
    void responseWhileWaitingInNextIsRefused() {
        RuntimeStateMachine m = machineIn(RuntimeState.Ready);
        assertEquals(new Transition(false, RuntimeState.Ready, RuntimeState.InvocationResponse), m.apply(RESPONSE));
        assertEquals(RuntimeState.Ready, m.state());
    }

    @Test
    void secondResponseIsRefused() {
        RuntimeStateMachine m = machineIn(RuntimeState.RuntimeResponseSentState);
        assertFalse(m.apply(RESPONSE).allowed());
        assertFalse(m.apply(ERROR).allowed());
        assertEquals(RuntimeState.RuntimeResponseSentState, m.state());
    }

    @Test
    void initErrorAfterInitIsRefused() {
        RuntimeStateMachine m = machineIn(RuntimeState.Running);
        assertEquals(new Transition(false, RuntimeState.Running, RuntimeState.InitError), m.apply(INIT_ERROR));
        assertEquals(RuntimeState.Running, m.state());
    }

    @Test
    void initErrorIsTerminal() {
        RuntimeStateMachine m = machineIn(RuntimeState.InitError);
        for (RuntimeCall c : RuntimeCall.values()) {
            assertFalse(m.apply(c).allowed(), c.name());
            assertEquals(RuntimeState.InitError, m.state());
        }
    }

    @Test
    void refusalRendersAsTheSpecBody() {
        Transition t = machineIn(RuntimeState.Running).apply(INIT_ERROR);
        assertEquals("{\"errorMessage\":\"State transition from Running to InitError failed for runtime. "
                        + "Error: State transition is not allowed\",\"errorType\":\"InvalidStateTransition\"}\n",
                new String(Bodies.invalidRuntimeTransition(t.from().name(), t.to().name()), StandardCharsets.UTF_8));
    }
}
