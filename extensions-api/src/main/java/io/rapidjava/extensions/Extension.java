package io.rapidjava.extensions;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/** One extension of a generation: who it is, what it subscribed to, its state and its parked {@code event/next}. */
public final class Extension {

    private final String id = UUID.randomUUID().toString();
    private final String name;
    private final ExtensionKind kind;
    private final ExtensionStateMachine machine;
    private Set<EventType> events = Collections.emptySet();
    private EventSink parked;

    Extension(String name, ExtensionKind kind) {
        this.name = name;
        this.kind = kind;
        this.machine = new ExtensionStateMachine(kind);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ExtensionKind kind() {
        return kind;
    }

    public ExtensionState state() {
        return machine.state();
    }

    public Set<EventType> events() {
        return events;
    }

    public boolean subscribed(EventType type) {
        return events.contains(type);
    }

    /** Registered, whatever happened since: it counts for the runtime's SIGTERM grace and telemetry. */
    public boolean registered() {
        return state() != ExtensionState.Started && state() != ExtensionState.LaunchError;
    }

    /** Waiting in {@code event/next} for its next event. */
    public boolean parked() {
        return state() == ExtensionState.Ready;
    }

    ExtensionStateMachine.Transition register(Set<EventType> subscribed) {
        ExtensionStateMachine.Transition t = machine.apply(ExtensionCall.REGISTER);
        if (t.allowed()) {
            events = Collections.unmodifiableSet(subscribed.isEmpty() ? EnumSet.noneOf(EventType.class)
                    : EnumSet.copyOf(subscribed));
        }
        return t;
    }

    /**
     * {@code event/next}: parks the response until {@link #deliver} hands it an event. A parked request whose
     * client went away is replaced rather than refused, so an extension that retries is not locked out.
     */
    public ApiError next(EventSink sink) {
        if (parked() && parked != null && parked.closed()) {
            parked = sink;
            return null;
        }
        ExtensionStateMachine.Transition t = machine.apply(ExtensionCall.NEXT);
        if (!t.allowed()) {
            return ApiError.invalidState(t.from(), t.to(), id);
        }
        parked = sink;
        return null;
    }

    /** Answers the parked {@code event/next} with an event (a JSON body). */
    public void deliver(byte[] event) {
        machine.apply(ExtensionCall.RELEASE);
        EventSink sink = parked;
        parked = null;
        if (sink != null && !sink.closed()) {
            sink.send(event);
        }
    }

    public ApiError initError() {
        ExtensionStateMachine.Transition t = machine.apply(ExtensionCall.INIT_ERROR);
        return t.allowed() ? null : ApiError.invalidState(t.from(), t.to(), id);
    }

    public ApiError exitError() {
        ExtensionStateMachine.Transition t = machine.apply(ExtensionCall.EXIT_ERROR);
        return t.allowed() ? null : ApiError.invalidState(t.from(), t.to(), id);
    }

    /** Records how the process ended while the sandbox shut down. */
    public void exited(boolean cleanly) {
        if (!cleanly || !machine.apply(ExtensionCall.EXITED).allowed()) {
            machine.apply(ExtensionCall.SHUTDOWN_FAILED);
        }
    }

    public void launchFailed() {
        machine.apply(ExtensionCall.LAUNCH_FAILED);
    }

    /** Drops a parked request when the generation ends (its connection is reset, as a killed sandbox's would be). */
    public void abandon() {
        if (parked != null && !parked.closed()) {
            parked.reset();
        }
        parked = null;
    }
}
