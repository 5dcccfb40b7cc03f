package io.rapidjava.rapid.control;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.Sandbox;
import io.rapidjava.interop.ShutdownSummary;
import java.util.concurrent.CompletionStage;

/**
 * What the control API needs of the daemon, which implements it. Every method is called on the daemon's event
 * loop and must return at once; the stages it returns complete on that loop.
 */
public interface SandboxHost {

    /** Whether the daemon was started with --init-mode deferred. */
    boolean deferred();

    /**
     * Binds the function and starts the first init (deferred mode); fails with
     * SandboxRefusal("Sandbox.AlreadyInitialized", ...) when one was bound or the daemon started eagerly.
     * {@code init}'s null fields keep the daemon's configured values ({@link FunctionInit#applyTo},
     * {@link FunctionInit#environmentOver}); the stage completes with the init's report, whatever its status.
     * From this call on, {@link #sandbox()} is the bound sandbox, so invokes sent while the init runs wait for it.
     */
    CompletionStage<PlatformEvent.InitReport> init(FunctionInit init);

    /** The sandbox; null until a deferred init. */
    Sandbox sandbox();

    /** Why the daemon cannot take work now (e.g. "shutting down"), or null when it can. */
    String unavailable();

    /**
     * Called once the shutdown a control call asked for is done and answered: the daemon exits, with the code that
     * says how its sandbox ended.
     */
    void exit(ShutdownSummary summary);

    /** Called once a control call's shutdown failed (a bug of the daemon's, logged) and was answered. */
    void exitFailed();
}
