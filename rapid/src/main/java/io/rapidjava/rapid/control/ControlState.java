package io.rapidjava.rapid.control;

import io.rapidjava.interop.SandboxRefusal;

/**
 * Which control calls may run now. Event-loop confined: a call's check and the change it makes happen in one
 * step, so two calls sent at once are decided one after the other and the second is refused, changing nothing.
 */
final class ControlState {

    enum Call { INIT, INVOKE, RESET, SHUTDOWN }

    private enum Binding { UNBOUND, INITIALIZING, BOUND }

    private final boolean deferred;
    private Binding binding;
    private boolean resetting;
    private boolean shuttingDown;

    ControlState(boolean deferred) {
        this.deferred = deferred;
        this.binding = deferred ? Binding.UNBOUND : Binding.BOUND;
    }

    /**
     * Starts {@code call} and returns null, or returns why it may not run now and changes nothing.
     * {@code bound}: whether the host has a sandbox.
     */
    SandboxRefusal start(Call call, boolean bound) {
        SandboxRefusal refusal = refusal(call, bound);
        if (refusal == null) {
            switch (call) {
                case INIT -> binding = Binding.INITIALIZING;
                case RESET -> resetting = true;
                case SHUTDOWN -> shuttingDown = true;
                case INVOKE -> {
                    // invokes queue in the sandbox: the control API holds no state for them
                }
            }
        }
        return refusal;
    }

    /** {@code call} is done; an init whose host bound nothing may be sent again. */
    void ended(Call call, boolean bound) {
        switch (call) {
            case INIT -> binding = bound ? Binding.BOUND : Binding.UNBOUND;
            case RESET -> resetting = false;
            case INVOKE, SHUTDOWN -> {
                // an invoke left nothing here; a shutdown is for good
            }
        }
    }

    /** Once a shutdown was asked for, only {@code GET /health} and {@code GET /state} are answered. */
    boolean shuttingDown() {
        return shuttingDown;
    }

    private SandboxRefusal refusal(Call call, boolean bound) {
        if (shuttingDown) {
            return new SandboxRefusal("Sandbox.ShuttingDown", "The sandbox is shutting down.");
        }
        return switch (call) {
            case INIT -> switch (binding) {
                case UNBOUND -> null;
                case INITIALIZING -> alreadyInitialized("An init is already under way.");
                case BOUND -> alreadyInitialized(deferred ? "A function was bound by an earlier init."
                        : "The daemon was started with --init-mode eager: its function is bound.");
            };
            case INVOKE -> bound ? null : notInitialized();
            case RESET -> {
                if (!bound) {
                    yield notInitialized();
                }
                if (binding == Binding.INITIALIZING) {
                    yield new SandboxRefusal("Sandbox.InitInProgress", "The first init is still under way.");
                }
                yield resetting ? new SandboxRefusal("Sandbox.ResetInProgress", "A reset is already under way.")
                        : null;
            }
            case SHUTDOWN -> null;
        };
    }

    private static SandboxRefusal alreadyInitialized(String message) {
        return new SandboxRefusal("Sandbox.AlreadyInitialized", message);
    }

    private static SandboxRefusal notInitialized() {
        return new SandboxRefusal("Sandbox.NotInitialized", "No function is bound yet: POST /init first.");
    }
}
