package io.rapidjava.rapid.junit;

import io.rapidjava.interop.InvokeRequest;
import io.rapidjava.interop.InvokeResult;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformEvent.LogLine;
import io.rapidjava.interop.Sandbox;
import io.rapidjava.interop.SandboxConfig;
import io.rapidjava.interop.Shutdown;
import io.rapidjava.interop.ShutdownSummary;
import io.rapidjava.rapid.embed.EmbeddedSandbox;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A started sandbox as a test drives it: blocking calls with deadlines derived from its limits, and every platform
 * event since its start ({@link #events()}). The extension that made it closes it; a test may shut it down itself
 * to assert on how its processes ended.
 */
public final class SandboxUnderTest {

    /** Slack over the sandbox's own limits, so that its own timeouts are what a test sees, not ours. */
    static final Duration SLACK = Duration.ofSeconds(5);

    private final Launched launched;
    private final SandboxConfig config;
    private final RecordedEvents events;
    private final Sandbox.Subscription subscription;
    private final ExtensionsDir extensionsDir;

    private SandboxUnderTest(Launched launched, SandboxConfig config, RecordedEvents events,
                             Sandbox.Subscription subscription, ExtensionsDir extensionsDir) {
        this.launched = launched;
        this.config = config;
        this.events = events;
        this.subscription = subscription;
        this.extensionsDir = extensionsDir;
    }

    /** A sandbox started with its init deferred: what the handle drives, and how it is stopped for good. */
    record Launched(Sandbox sandbox, Supplier<String> runtimeApi, AutoCloseable stop) {
    }

    static SandboxUnderTest start(SandboxConfig config, ExtensionsDir extensionsDir) {
        return start(config, extensionsDir, c -> {
            EmbeddedSandbox s = EmbeddedSandbox.start(c, true);
            return new Launched(s, s::runtimeApi, s::close);
        });
    }

    /**
     * Launches a sandbox with deferred init, subscribes before its first event, runs the init and waits for its
     * report. A failed start closes what it opened, {@code extensionsDir} included, and throws; a failed init
     * throws an {@link AssertionError} that says why.
     */
    static SandboxUnderTest start(SandboxConfig config, ExtensionsDir extensionsDir,
                                  Function<SandboxConfig, Launched> launcher) {
        RecordedEvents events = new RecordedEvents();
        Launched launched = null;
        Sandbox.Subscription subscription = null;
        try {
            launched = launcher.apply(config);
            subscription = launched.sandbox().subscribe(events);
            SandboxUnderTest started = new SandboxUnderTest(launched, config, events, subscription, extensionsDir);
            PlatformEvent.InitReport report = started.await(launched.sandbox().init(),
                    config.initTimeout().plus(SLACK), "init");
            if (!"success".equals(report.status())) {
                // the listener is fed from a queue: what led to the report is in once the report is
                events.await(PlatformEvent.InitReport.class, SLACK);
                throw new AssertionError(StartFailure.describe(config,
                        extensionsDir == null ? List.of() : extensionsDir.names(), report, events.all()));
            }
            return started;
        } catch (RuntimeException | Error e) {
            Throwable more = closeAll(launched == null ? null : launched.stop(), subscription, extensionsDir);
            if (more != null) {
                e.addSuppressed(more);
            }
            throw e;
        }
    }

    /** Invokes with {@code json} as the event and waits for the answer to be decided. */
    public InvokeResult invoke(String json) {
        return invoke(InvokeRequest.of(json));
    }

    public InvokeResult invoke(InvokeRequest request) {
        return await(invokeAsync(request), invokeDeadline(), "answer invoke " + request.requestId());
    }

    /** The answer's stage, for concurrent or streamed invokes; it completes on the sandbox's thread. */
    public CompletionStage<InvokeResult> invokeAsync(InvokeRequest request) {
        return launched.sandbox().invoke(request);
    }

    /** Reads the whole answer of {@code result} as UTF-8, within the invoke's deadline. */
    public String text(InvokeResult result) {
        return await(result.payload().text(), invokeDeadline(), "finish the answer of " + result.requestId());
    }

    /** Every platform event since the sandbox started. */
    public RecordedEvents events() {
        return events;
    }

    /** The lines extension {@code name} wrote to stdout or stderr so far. */
    public List<LogLine> logLines(String extensionName) {
        return events.of(LogLine.class).stream()
                .filter(l -> "extension".equals(l.source()) && extensionName.equals(l.name())).toList();
    }

    /** The lines the runtime wrote to stdout or stderr so far. */
    public List<LogLine> functionLogLines() {
        return events.of(LogLine.class).stream().filter(l -> "function".equals(l.source())).toList();
    }

    /** Waits for extension {@code name} to write a line containing {@code text}. */
    public LogLine awaitLogLine(String extensionName, String text, Duration timeout) {
        try {
            return events.await(LogLine.class, l -> "extension".equals(l.source())
                    && extensionName.equals(l.name()) && l.text().contains(text), timeout);
        } catch (AssertionError e) {
            throw new AssertionError("extension " + extensionName + " wrote no line containing '" + text + "'"
                    + " within " + timeout + "; its lines: " + logLines(extensionName).stream().map(LogLine::text)
                    .toList(), e);
        }
    }

    /** Ends the generation with the shutdown sequence ({@code spindown}) and initialises again. */
    public ShutdownSummary reset() {
        return reset("spindown");
    }

    public ShutdownSummary reset(String reason) {
        return await(launched.sandbox().reset(reason), config.shutdownTimeout().plus(SLACK), "reset");
    }

    /** Stops for good ({@code spindown}, the configured shutdown limit); says how every process ended. */
    public ShutdownSummary shutdown() {
        return shutdown(new Shutdown("spindown", config.shutdownTimeout()));
    }

    public ShutdownSummary shutdown(Shutdown shutdown) {
        return await(launched.sandbox().shutdown(shutdown), shutdown.deadline().plus(SLACK), "shut down");
    }

    /** The sandbox itself, for what this handle does not wrap. */
    public Sandbox sandbox() {
        return launched.sandbox();
    }

    public SandboxConfig config() {
        return config;
    }

    /** {@code host:port} of the Runtime and Extensions API. */
    public String runtimeApi() {
        return launched.runtimeApi().get();
    }

    /** Shuts down if the test did not, then removes the extensions directory (done by the extension). */
    void close() {
        // The subscription last, so that the shutdown's own events are recorded too.
        Throwable failure = closeAll(launched.stop(), subscription, extensionsDir);
        if (failure instanceof RuntimeException r) {
            throw r;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("closing the sandbox failed", failure);
        }
    }

    /** Closes each of {@code resources} that is there, in order, whatever the others do; the first failure, others suppressed. */
    private static Throwable closeAll(AutoCloseable... resources) {
        Throwable first = null;
        for (AutoCloseable r : resources) {
            try {
                if (r != null) {
                    r.close();
                }
            } catch (Exception | Error e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        return first;
    }

    private Duration invokeDeadline() {
        // An invoke may first wait for a re-init, then runs for up to the function's timeout.
        return config.initTimeout().plus(config.function().timeout()).plus(SLACK);
    }

    private <T> T await(CompletionStage<T> stage, Duration timeout, String what) {
        try {
            return stage.toCompletableFuture().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the sandbox did not " + what + " within " + timeout + events.describe());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException("the sandbox could not " + what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for the sandbox to " + what, e);
        }
    }
}
