package io.rapidjava.rapid;

import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.interop.Limits;
import io.rapidjava.interop.SandboxConfig;
import io.rapidjava.rapid.metrics.MetricsConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Everything the daemon was told at startup, from flags and environment; built once, never changed.
 * {@code controlAddress} is null when the control API is off, {@code metrics} when no metrics are exported,
 * {@code functionUrlAddress} when no Function URL is served; {@code exitOnInitFailure}: a failed init ends the daemon
 * instead of being retried by the next invoke. {@code taskRoot} is the function's code directory as the runtime is
 * told it ({@code LAMBDA_TASK_ROOT}); {@code watch} resets the sandbox when the code changes; {@code snapStart} is null
 * unless SnapStart's restore phase is emulated. {@code maxConcurrency} is 0 in the default mode (one invoke at a
 * time), else N: Lambda Managed Instances' mode, up to N invokes at once (never with SnapStart).
 */
public record Config(
        HostPort invokeAddress,
        HostPort runtimeApiAddress,
        LogLevel logLevel,
        List<String> bootstrap,
        Path workingDir,
        FunctionConfig function,
        Duration initTimeout,
        int maxQueuedInvokes,
        long streamedResponseLimit,
        String runtimeVersion,
        Map<String, String> environment,
        Path extensionsDir,
        boolean extensionsEnabled,
        Duration shutdownTimeout,
        Duration bodyTimeout,
        long maxQueuedBytes,
        Duration idleTimeout,
        int maxInvokeConnections,
        HostPort controlAddress,
        InitMode initMode,
        LoggingConfig logging,
        MetricsConfig metrics,
        boolean exitOnInitFailure,
        Path taskRoot,
        HostPort functionUrlAddress,
        boolean watch,
        SnapStart snapStart,
        int maxConcurrency) {

    /** Lambda's code directory, when none is configured. */
    public static final Path DEFAULT_TASK_ROOT = Path.of("/var/task");

    /** When the first init starts: at once, or when the control API's {@code POST /init} binds a function. */
    public enum InitMode {
        EAGER,
        DEFERRED
    }

    /**
     * An embedded sandbox's: the Runtime API on a free loopback port, the logging controls from the sandbox's
     * environment (as the daemon reads them from its own), the daemon's defaults for the rest.
     *
     * @throws IllegalArgumentException for logging controls the daemon would refuse
     */
    public static Config embedded(SandboxConfig s) {
        LoggingConfig logging;
        try {
            logging = ConfigParser.logging(s.environment());
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return new Config(new HostPort("127.0.0.1", 0), new HostPort("127.0.0.1", 0), LogLevel.INFO, s.bootstrap(),
                s.workingDir(), s.function(), s.initTimeout(), 128, Limits.DEFAULT_STREAMED_RESPONSE_BYTES,
                s.runtimeVersion(), s.environment(), s.extensionsDir() == null ? Path.of("/nonexistent")
                : s.extensionsDir(), s.extensionsDir() != null, s.shutdownTimeout(), Duration.ofSeconds(10),
                16L << 20, Duration.ofSeconds(60), 512, null, InitMode.EAGER, logging, null, false,
                Path.of(s.environment().getOrDefault("LAMBDA_TASK_ROOT", DEFAULT_TASK_ROOT.toString())), null, false,
                null, 0);
    }

    /** What the sandbox runs, as the interop contract says it. */
    public SandboxConfig sandbox() {
        return new SandboxConfig(bootstrap, workingDir, environment, extensionsEnabled ? extensionsDir : null,
                function, runtimeVersion, initTimeout, shutdownTimeout);
    }

    /** The same daemon, running another sandbox. */
    public Config with(SandboxConfig s) {
        return new Config(invokeAddress, runtimeApiAddress, logLevel, s.bootstrap(), s.workingDir(), s.function(),
                s.initTimeout(), maxQueuedInvokes, streamedResponseLimit, s.runtimeVersion(), s.environment(),
                s.extensionsDir() == null ? extensionsDir : s.extensionsDir(),
                extensionsEnabled && s.extensionsDir() != null, s.shutdownTimeout(), bodyTimeout, maxQueuedBytes,
                idleTimeout, maxInvokeConnections, controlAddress, initMode, logging, metrics, exitOnInitFailure,
                taskRoot, functionUrlAddress, watch, snapStart, maxConcurrency);
    }

    /** Whether invokes run concurrently (Lambda Managed Instances' mode). */
    public boolean concurrent() {
        return maxConcurrency > 0;
    }

    /** How Lambda names this kind of environment to the runtime and in the telemetry. */
    public String initializationType() {
        if (concurrent()) {
            return "lambda-managed-instances";
        }
        return snapStart == null ? "on-demand" : SnapStart.INITIALIZATION_TYPE;
    }

    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
