package io.rapidjava.rapid;

import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.interop.Limits;
import io.rapidjava.rapid.metrics.MetricsConfig;
import io.rapidjava.rapid.metrics.MetricsSettings;
import io.rapidjava.telemetry.RecordLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the command line and environment the way {@code aws-lambda-rie} does: known flags may stand anywhere
 * (also after the bootstrap), unknown ones stay positional, {@code --} ends flag parsing. Every flag of ours
 * has an environment twin; the flag wins.
 */
public final class ConfigParser {

    private static final List<String> DEFAULT_BOOTSTRAPS =
            List.of("/var/task/bootstrap", "/opt/bootstrap", "/var/runtime/bootstrap");
    private static final String DEFAULT_EXTENSIONS_DIR = "/opt/extensions";
    private static final String RIE_DISABLE_MARKER = "/opt/disable-extensions-jwigqn8j";
    // Lambda's own variables for its logging controls; the system log level has none (Lambda keeps it to itself)
    private static final String LOG_FORMAT = "AWS_LAMBDA_LOG_FORMAT";
    private static final String APPLICATION_LOG_LEVEL = "AWS_LAMBDA_LOG_LEVEL";
    private static final String SYSTEM_LOG_LEVEL = "RAPID_SYSTEM_LOG_LEVEL";

    // Lambda's own bounds for a function (the emulator's default memory, 3008 MB, lies inside them).
    static final long MIN_MEMORY_MB = 128;
    static final long MAX_MEMORY_MB = 10_240;
    static final long MAX_FUNCTION_TIMEOUT_S = 900;
    // Ours: generous for any real use, small enough that no deadline or sum built from them overflows.
    static final long MAX_PHASE_MS = 900_000;
    static final long MAX_IDLE_MS = 3_600_000;
    static final long MAX_QUEUED_INVOKES = 100_000;
    static final long MAX_STREAMED_RESPONSE_BYTES = 200L << 20;
    static final long MAX_QUEUED_BYTES = 1L << 30;
    static final long MAX_INVOKE_CONNECTIONS = 65_536;
    static final long MAX_RESTORES = 1_000;
    /** The highest AWS's Java runtime interface client took before it dropped its bound: ample for one machine. */
    static final long MAX_CONCURRENCY = 1000;

    private final Map<String, String> env;
    private final Path cwd;

    public ConfigParser(Map<String, String> env, Path cwd) {
        this.env = env;
        this.cwd = cwd;
    }

    public Config parse(String[] args) throws ConfigException {
        String invokeAddress = env("RAPID_INVOKE_ADDRESS", "0.0.0.0:8080");
        String runtimeApiAddress = env("RAPID_RUNTIME_API_ADDRESS", "127.0.0.1:9001");
        String logLevel = env("LOG_LEVEL", "info");
        String initTimeout = env("RAPID_INIT_TIMEOUT_MS", "10000");
        String maxQueued = env("RAPID_MAX_QUEUED_INVOKES", "128");
        String streamLimit = env("RAPID_STREAMED_RESPONSE_LIMIT", Long.toString(Limits.DEFAULT_STREAMED_RESPONSE_BYTES));
        String extensionsDir = env("RAPID_EXTENSIONS_DIR", DEFAULT_EXTENSIONS_DIR);
        String disableExtensions = env("RAPID_DISABLE_EXTENSIONS", "false");
        String exitOnInitFailure = env("RAPID_EXIT_ON_INIT_FAILURE", "false");
        String shutdownTimeout = env("RAPID_SHUTDOWN_TIMEOUT_MS", "2000");
        String bodyTimeout = env("RAPID_BODY_TIMEOUT_MS", "10000");
        String maxQueuedBytes = env("RAPID_MAX_QUEUED_BYTES", "16777216");
        String idleTimeout = env("RAPID_IDLE_TIMEOUT_MS", "60000");
        String maxInvokeConnections = env("RAPID_MAX_INVOKE_CONNECTIONS", "512");
        String controlAddress = env("RAPID_CONTROL_ADDRESS", "");
        String initMode = env("RAPID_INIT_MODE", "eager");
        String logFormat = env(LOG_FORMAT, "");
        String applicationLogLevel = env(APPLICATION_LOG_LEVEL, "");
        String systemLogLevel = env(SYSTEM_LOG_LEVEL, "");
        String metricsAddress = env("RAPID_METRICS_ADDRESS", "");
        String otlpEndpoint = "";
        String taskRoot = env("LAMBDA_TASK_ROOT", Config.DEFAULT_TASK_ROOT.toString());
        String functionUrlAddress = env("RAPID_FUNCTION_URL_ADDRESS", "");
        String watch = env("RAPID_WATCH", "false");
        String snapStart = null;
        // Lambda's: after-restore hooks get 10 s
        String restoreTimeout = env("RAPID_RESTORE_TIMEOUT_MS", "10000");
        String restores = env("RAPID_SNAPSTART_RESTORES", "1");
        String maxConcurrency = env("AWS_LAMBDA_MAX_CONCURRENCY", "");
        boolean concurrencyFlag = false;
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                positional.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--runtime-interface-emulator-address", "--log-level", "--runtime-api-address",
                     "--init-timeout-ms", "--max-queued-invokes", "--streamed-response-limit",
                     "--extensions-dir", "--shutdown-timeout-ms", "--body-timeout-ms", "--max-queued-bytes",
                     "--idle-timeout-ms", "--max-invoke-connections", "--control-address", "--init-mode",
                     "--log-format", "--application-log-level", "--system-log-level", "--metrics-address",
                     "--otlp-metrics-endpoint", "--task-root", "--function-url-address", "--restore-timeout-ms",
                     "--snapstart-restores", "--max-concurrency" -> {
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new ConfigException("flag " + name + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (name) {
                        case "--runtime-interface-emulator-address" -> invokeAddress = value;
                        case "--runtime-api-address" -> runtimeApiAddress = value;
                        case "--log-level" -> logLevel = value;
                        case "--init-timeout-ms" -> initTimeout = value;
                        case "--max-queued-invokes" -> maxQueued = value;
                        case "--extensions-dir" -> extensionsDir = value;
                        case "--shutdown-timeout-ms" -> shutdownTimeout = value;
                        case "--body-timeout-ms" -> bodyTimeout = value;
                        case "--max-queued-bytes" -> maxQueuedBytes = value;
                        case "--idle-timeout-ms" -> idleTimeout = value;
                        case "--max-invoke-connections" -> maxInvokeConnections = value;
                        case "--control-address" -> controlAddress = value;
                        case "--init-mode" -> initMode = value;
                        case "--log-format" -> logFormat = value;
                        case "--application-log-level" -> applicationLogLevel = value;
                        case "--system-log-level" -> systemLogLevel = value;
                        case "--metrics-address" -> metricsAddress = value;
                        case "--otlp-metrics-endpoint" -> otlpEndpoint = value;
                        case "--task-root" -> taskRoot = value;
                        case "--function-url-address" -> functionUrlAddress = value;
                        case "--restore-timeout-ms" -> restoreTimeout = value;
                        case "--snapstart-restores" -> restores = value;
                        case "--max-concurrency" -> {
                            maxConcurrency = value;
                            concurrencyFlag = true;
                        }
                        default -> streamLimit = value;
                    }
                }
                case "--disable-extensions" -> disableExtensions = value == null ? "true" : value;
                case "--watch" -> watch = value == null ? "true" : value;
                case "--exit-on-init-failure" -> exitOnInitFailure = value == null ? "true" : value;
                case "--snapstart" -> snapStart = value == null ? "true" : value;
                case "--enable-init-caching" -> {
                    // accepted for command-line compatibility: the emulator's switch for its standalone restore
                    // harness and credentials server; SnapStart's restore phase is --snapstart
                }
                default -> positional.add(arg);
            }
        }

        String levelName = logLevel;
        LogLevel level = LogLevel.parse(levelName)
                .orElseThrow(() -> new ConfigException("invalid log level '" + levelName
                        + "' (LOG_LEVEL / --log-level): expected trace, debug, info, warn or error"));
        Config.HostPort invoke = address("RAPID_INVOKE_ADDRESS / --runtime-interface-emulator-address", invokeAddress);
        Config.HostPort runtimeApi = address("RAPID_RUNTIME_API_ADDRESS / --runtime-api-address", runtimeApiAddress);
        Config.HostPort control = controlAddress(controlAddress);
        Config.InitMode mode = initMode(initMode);
        LoggingConfig logging = logging(logFormat, applicationLogLevel, systemLogLevel);
        // nothing of the metrics is loaded unless they are asked for
        boolean metricsOn = !metricsAddress.isEmpty() || !otlpEndpoint.isEmpty()
                || !env(MetricsSettings.METRICS_ENDPOINT, "").isEmpty() || !env(MetricsSettings.ENDPOINT, "").isEmpty();
        MetricsConfig metrics = metricsOn ? MetricsSettings.parse(env, metricsAddress, otlpEndpoint) : null;
        if (mode == Config.InitMode.DEFERRED && control == null) {
            // nothing could ever bind the function: the daemon would wait for ever
            throw new ConfigException("--init-mode deferred (RAPID_INIT_MODE) needs the control API: set "
                    + "--control-address (RAPID_CONTROL_ADDRESS)");
        }

        List<String> bootstrap;
        Path workingDir;
        if (positional.isEmpty()) {
            bootstrap = List.of(DEFAULT_BOOTSTRAPS.stream()
                    .filter(p -> Files.exists(Path.of(p)) && !Files.isDirectory(Path.of(p)))
                    .findFirst().orElse(DEFAULT_BOOTSTRAPS.getFirst()));
            workingDir = Path.of("/var/task");
        } else {
            bootstrap = List.copyOf(positional);
            workingDir = cwd;
        }
        String handler = firstNonEmpty(env.get("AWS_LAMBDA_FUNCTION_HANDLER"), env.get("_HANDLER"),
                positional.size() >= 2 ? positional.getLast() : "");

        FunctionConfig function = new FunctionConfig(
                env("AWS_LAMBDA_FUNCTION_NAME", "test_function"),
                env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"),
                (int) bounded("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "3008"),
                        MIN_MEMORY_MB, MAX_MEMORY_MB),
                Duration.ofSeconds(bounded("AWS_LAMBDA_FUNCTION_TIMEOUT", env("AWS_LAMBDA_FUNCTION_TIMEOUT", "300"),
                        1, MAX_FUNCTION_TIMEOUT_S)),
                env("AWS_REGION", env("AWS_DEFAULT_REGION", "us-east-1")),
                env("AWS_ACCOUNT_ID", "012345678912"),
                handler,
                env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/Functions"),
                env("AWS_LAMBDA_LOG_STREAM_NAME", "$LATEST"));

        SnapStart snap = snapStart(snapStart, env("AWS_LAMBDA_INITIALIZATION_TYPE", ""), restoreTimeout, restores);
        int concurrency = maxConcurrency.isEmpty() && !concurrencyFlag ? 0 : (int) bounded(
                "AWS_LAMBDA_MAX_CONCURRENCY / --max-concurrency", maxConcurrency, 1, MAX_CONCURRENCY);
        if (snap != null && concurrency > 0) {
            // as in Lambda, where Managed Instances take no SnapStart
            throw new ConfigException("--snapstart (AWS_LAMBDA_INITIALIZATION_TYPE=snap-start) and --max-concurrency"
                    + " (AWS_LAMBDA_MAX_CONCURRENCY) cannot be combined: Lambda Managed Instances have no SnapStart");
        }
        return new Config(invoke, runtimeApi, level, bootstrap, workingDir, function,
                Duration.ofMillis(bounded("RAPID_INIT_TIMEOUT_MS / --init-timeout-ms", initTimeout, 1, MAX_PHASE_MS)),
                (int) bounded("RAPID_MAX_QUEUED_INVOKES / --max-queued-invokes", maxQueued, 0, MAX_QUEUED_INVOKES),
                bounded("RAPID_STREAMED_RESPONSE_LIMIT / --streamed-response-limit", streamLimit, 1,
                        MAX_STREAMED_RESPONSE_BYTES),
                env("RAPID_RUNTIME_VERSION", "rapid-java:" + Version.VALUE),
                Map.copyOf(env),
                cwd.resolve(extensionsDir),
                // The emulator's switch (a marker file) is honoured too, so images built for it behave the same.
                !bool("RAPID_DISABLE_EXTENSIONS / --disable-extensions", disableExtensions)
                        && !Files.exists(Path.of(RIE_DISABLE_MARKER)),
                Duration.ofMillis(bounded("RAPID_SHUTDOWN_TIMEOUT_MS / --shutdown-timeout-ms", shutdownTimeout, 0,
                        MAX_PHASE_MS)),
                Duration.ofMillis(bounded("RAPID_BODY_TIMEOUT_MS / --body-timeout-ms", bodyTimeout, 1, MAX_PHASE_MS)),
                bounded("RAPID_MAX_QUEUED_BYTES / --max-queued-bytes", maxQueuedBytes, 0, MAX_QUEUED_BYTES),
                Duration.ofMillis(bounded("RAPID_IDLE_TIMEOUT_MS / --idle-timeout-ms", idleTimeout, 1, MAX_IDLE_MS)),
                (int) bounded("RAPID_MAX_INVOKE_CONNECTIONS / --max-invoke-connections", maxInvokeConnections, 1,
                        MAX_INVOKE_CONNECTIONS),
                control, mode, logging, metrics,
                bool("RAPID_EXIT_ON_INIT_FAILURE / --exit-on-init-failure", exitOnInitFailure), cwd.resolve(taskRoot),
                functionUrlAddress.isEmpty() ? null
                        : loopbackUnlessNamed("RAPID_FUNCTION_URL_ADDRESS / --function-url-address", functionUrlAddress),
                bool("RAPID_WATCH / --watch", watch),
                snap, concurrency);
    }

    /**
     * SnapStart, or null when off: {@code flag} is {@code --snapstart}'s value (null when absent), {@code type} the
     * daemon's own {@code AWS_LAMBDA_INITIALIZATION_TYPE}. Its settings are checked either way; its class is loaded
     * only when it is on.
     */
    static SnapStart snapStart(String flag, String type, String restoreTimeoutMs, String restores)
            throws ConfigException {
        boolean byType = switch (type.trim()) {
            case "", "on-demand" -> false;
            case SnapStart.INITIALIZATION_TYPE -> true;
            default -> throw new ConfigException("invalid AWS_LAMBDA_INITIALIZATION_TYPE '" + type
                    + "': expected on-demand or snap-start");
        };
        boolean on = flag == null ? byType : bool("--snapstart", flag);
        long timeout = bounded("RAPID_RESTORE_TIMEOUT_MS / --restore-timeout-ms", restoreTimeoutMs, 1, MAX_PHASE_MS);
        long count = bounded("RAPID_SNAPSTART_RESTORES / --snapstart-restores", restores, 1, MAX_RESTORES);
        return on ? new SnapStart(Duration.ofMillis(timeout), (int) count) : null;
    }

    /** The logging controls as an environment gives them (an embedded sandbox's). */
    static LoggingConfig logging(Map<String, String> env) throws ConfigException {
        ConfigParser p = new ConfigParser(env, Path.of(""));
        return logging(p.env(LOG_FORMAT, ""), p.env(APPLICATION_LOG_LEVEL, ""), p.env(SYSTEM_LOG_LEVEL, ""));
    }

    /**
     * Text (the default) or JSON, case-insensitive. Levels only count with JSON (INFO when not given); with Text they
     * are ignored, whatever their value: images made for the emulator may set {@code AWS_LAMBDA_LOG_LEVEL} for their
     * runtime's own logger, and must still start (the runtime is then not told a level, as in Lambda).
     */
    static LoggingConfig logging(String format, String applicationLevel, String systemLevel) throws ConfigException {
        switch (format.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "", "text" -> {
                return LoggingConfig.TEXT;
            }
            case "json" -> {
                RecordLevel application = level(applicationLevel)
                        .orElseThrow(() -> new ConfigException("invalid " + APPLICATION_LOG_LEVEL
                                + " / --application-log-level '" + applicationLevel
                                + "': expected TRACE, DEBUG, INFO, WARN, ERROR or FATAL"));
                RecordLevel system = level(systemLevel).filter(RecordLevel::systemLevel)
                        .orElseThrow(() -> new ConfigException("invalid " + SYSTEM_LOG_LEVEL
                                + " / --system-log-level '" + systemLevel + "': expected DEBUG, INFO or WARN"));
                return new LoggingConfig(LoggingConfig.Format.JSON, application.name(), system.name());
            }
            default -> throw new ConfigException("invalid " + LOG_FORMAT + " / --log-format '" + format
                    + "': expected Text or JSON");
        }
    }

    private static Optional<RecordLevel> level(String value) {
        return value.isEmpty() ? Optional.of(RecordLevel.INFO) : RecordLevel.parse(value.trim());
    }

    private static Config.InitMode initMode(String value) throws ConfigException {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "eager" -> Config.InitMode.EAGER;
            case "deferred" -> Config.InitMode.DEFERRED;
            default -> throw new ConfigException("invalid RAPID_INIT_MODE / --init-mode '" + value
                    + "': expected eager or deferred");
        };
    }

    /**
     * The control API's address, null (off) when empty. It is an operator's door, so loopback unless a host is
     * named: a bare port or {@code :port} is {@code 127.0.0.1}.
     */
    static Config.HostPort controlAddress(String value) throws ConfigException {
        return value.isEmpty() ? null : loopbackUnlessNamed("RAPID_CONTROL_ADDRESS / --control-address", value);
    }

    /** An operator's address ({@code flag} names it): {@code host:port}, or a bare port or {@code :port} on loopback. */
    public static Config.HostPort loopbackUnlessNamed(String flag, String value) throws ConfigException {
        String hostPort = value.indexOf(':') < 0 ? ":" + value : value;
        Config.HostPort parsed = address(flag, hostPort);
        return hostPort.startsWith(":") ? new Config.HostPort("127.0.0.1", parsed.port()) : parsed;
    }

    static boolean bool(String what, String value) throws ConfigException {
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ConfigException("invalid " + what + " '" + value + "': expected true or false");
        };
    }

    /** Set-but-empty counts as unset, as in the emulator. */
    private String env(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    private static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return "";
    }

    /** An integer in {@code [min, max]}: every value is bounded, so no later arithmetic on it can overflow. */
    public static long bounded(String what, String value, long min, long max) throws ConfigException {
        String digits = value.trim();
        long parsed;
        try {
            parsed = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            if (digits.matches("-?[0-9]+")) {
                throw new ConfigException("invalid " + what + " '" + value + "': must be between " + min
                        + " and " + max);
            }
            throw new ConfigException("invalid " + what + " '" + value + "': not an integer");
        }
        if (parsed < min || parsed > max) {
            throw new ConfigException("invalid " + what + " '" + value + "': must be between " + min + " and " + max);
        }
        return parsed;
    }

    static Config.HostPort address(String flag, String value) throws ConfigException {
        int colon = value.lastIndexOf(':');
        if (colon < 0) {
            throw new ConfigException("invalid " + flag + " '" + value + "': expected host:port");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.isEmpty()) {
            host = "0.0.0.0";
        }
        try {
            int port = Integer.parseInt(value.substring(colon + 1));
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return new Config.HostPort(host, port);
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid " + flag + " '" + value + "': port must be 0-65535");
        }
    }
}
