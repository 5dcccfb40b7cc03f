package io.rapidjava.interop;

import java.util.concurrent.CompletionStage;

/**
 * One function's execution environment: its runtime and extensions, run generation after generation, one invoke
 * at a time. Every front-end (the invoke API, the control API, an embedding host) drives it through this contract;
 * none of it speaks HTTP. Methods may be called from any thread; stages complete on the sandbox's own thread, so a
 * caller that blocks must hop off it first.
 */
public interface Sandbox {

    /**
     * Starts the first init (a sandbox created with deferred init waits for this call); completes with its report.
     * A second call fails with {@link SandboxRefusal} {@code Sandbox.AlreadyInitialized}.
     */
    CompletionStage<PlatformEvent.InitReport> init();

    /**
     * Runs an invoke, or queues it while another runs or an init is under way; completes once the answer is decided.
     * The result's payload may still be flowing (a streamed answer).
     */
    CompletionStage<InvokeResult> invoke(InvokeRequest request);

    /** Ends the current generation with the shutdown sequence, then initialises again; completes once ended. */
    CompletionStage<ShutdownSummary> reset(String reason);

    /** Stops for good: waiting invokes are refused, every process is stopped and reaped within the deadline. */
    CompletionStage<ShutdownSummary> shutdown(Shutdown shutdown);

    /** A consistent snapshot, taken on the sandbox's thread. */
    CompletionStage<SandboxStatus> status();

    /** Adds a listener of the platform events; closing the subscription removes it. */
    Subscription subscribe(PlatformListener listener);

    /** A listener's registration. */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }
}
