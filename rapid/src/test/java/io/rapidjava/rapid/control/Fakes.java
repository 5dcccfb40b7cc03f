package io.rapidjava.rapid.control;

import io.rapidjava.interop.InvokeRequest;
import io.rapidjava.interop.InvokeResult;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import io.rapidjava.interop.Sandbox;
import io.rapidjava.interop.SandboxStatus;
import io.rapidjava.interop.Shutdown;
import io.rapidjava.interop.ShutdownSummary;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** A host and a sandbox whose stages the test completes (from its own thread: the API hops back to its loop). */
final class Fakes {

    private Fakes() {
    }

    static PlatformEvent.InitReport report(String status, String errorType) {
        return new PlatformEvent.InitReport(Instant.now(), "init", 12.5, status, errorType);
    }

    static ShutdownSummary summary(String reason) {
        return new ShutdownSummary(reason, 3.25, List.of(
                new ShutdownSummary.ProcessEnd("bootstrap", "runtime", 42, "killed", 0, 9),
                new ShutdownSummary.ProcessEnd("ext", "extension", 43, "exited", 0, 0)));
    }

    static final class Host implements SandboxHost {
        final boolean deferred;
        volatile FakeSandbox sandbox;
        volatile String unavailable;
        volatile FunctionInit lastInit;
        volatile CompletableFuture<PlatformEvent.InitReport> init = new CompletableFuture<>();
        /** The summary the daemon exits with; failed when it exits after a failed shutdown. */
        final CompletableFuture<ShutdownSummary> exited = new CompletableFuture<>();

        Host(boolean deferred) {
            this.deferred = deferred;
            this.sandbox = deferred ? null : new FakeSandbox();
        }

        @Override
        public boolean deferred() {
            return deferred;
        }

        @Override
        public CompletionStage<PlatformEvent.InitReport> init(FunctionInit init) {
            lastInit = init;
            sandbox = new FakeSandbox();
            return this.init;
        }

        @Override
        public Sandbox sandbox() {
            return sandbox;
        }

        @Override
        public String unavailable() {
            return unavailable;
        }

        @Override
        public void exit(ShutdownSummary summary) {
            exited.complete(summary);
        }

        @Override
        public void exitFailed() {
            exited.completeExceptionally(new IllegalStateException("the shutdown failed"));
        }
    }

    static final class FakeSandbox implements Sandbox {
        volatile CompletableFuture<ShutdownSummary> reset = new CompletableFuture<>();
        volatile CompletableFuture<ShutdownSummary> shutdown = new CompletableFuture<>();
        volatile CompletionStage<SandboxStatus> status = CompletableFuture.completedFuture(new SandboxStatus("READY",
                2, "Ready", List.of(new SandboxStatus.ExtensionStatus("ext", "external", "Ready", List.of("INVOKE"))),
                List.of(), 1, 150.5, new SandboxStatus.FatalError("Runtime.ExitError", "exit status 1",
                Instant.parse("2026-01-02T03:04:05.123456Z")), new SandboxStatus.Counters(5, 1, 1, 0, 2, 1)));
        final CompletableFuture<String> resetReason = new CompletableFuture<>();
        final CompletableFuture<Shutdown> shutdownAsked = new CompletableFuture<>();

        @Override
        public CompletionStage<PlatformEvent.InitReport> init() {
            throw new UnsupportedOperationException("the host inits");
        }

        @Override
        public CompletionStage<InvokeResult> invoke(InvokeRequest request) {
            throw new UnsupportedOperationException("invokes go to the front-end's handler");
        }

        @Override
        public CompletionStage<ShutdownSummary> reset(String reason) {
            resetReason.complete(reason);
            return reset;
        }

        @Override
        public CompletionStage<ShutdownSummary> shutdown(Shutdown s) {
            shutdownAsked.complete(s);
            return shutdown;
        }

        @Override
        public CompletionStage<SandboxStatus> status() {
            return status;
        }

        @Override
        public Subscription subscribe(PlatformListener listener) {
            return () -> { };
        }
    }
}
