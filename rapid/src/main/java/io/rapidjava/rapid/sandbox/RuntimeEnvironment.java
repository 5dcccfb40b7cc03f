package io.rapidjava.rapid.sandbox;

import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.rapid.Config;
import io.rapidjava.rapid.LoggingConfig;
import java.util.HashMap;
import java.util.Map;

/**
 * The environments of the runtime (spec §6.2) and of external extensions (§6.3): the daemon's own environment as
 * the customer's, then the platform's keys, which the customer's can never override. {@code TZ}, {@code LANG},
 * {@code PATH} and {@code LD_LIBRARY_PATH} are Lambda's unless the daemon's own environment sets them, as Lambda
 * lets a function extend them.
 */
final class RuntimeEnvironment {

    /** The launcher's setting for the daemon's own JVM (the signal it suspends threads with), not the function's. */
    private static final String DAEMON_JVM_SIGNAL = "_JAVA_SR_SIGNUM";
    /** The mode's switch: set (even empty) it makes runtimes start their concurrent workers, so only ours sets it. */
    private static final String MAX_CONCURRENCY = "AWS_LAMBDA_MAX_CONCURRENCY";

    private RuntimeEnvironment() {
    }

    static Map<String, String> of(Config config, String runtimeApiAddress) {
        FunctionConfig f = config.function();
        Map<String, String> env = platform(config, runtimeApiAddress);
        if (config.snapStart() == null) {
            env.put("AWS_LAMBDA_LOG_GROUP_NAME", f.logGroupName());
            env.put("AWS_LAMBDA_LOG_STREAM_NAME", f.logStreamName());
        } else {
            // Lambda gives a SnapStart function no log group or stream: one snapshot serves many streams
            env.remove("AWS_LAMBDA_LOG_GROUP_NAME");
            env.remove("AWS_LAMBDA_LOG_STREAM_NAME");
        }
        env.put("LAMBDA_TASK_ROOT", config.taskRoot().toString());
        env.putIfAbsent("LAMBDA_RUNTIME_DIR", "/var/runtime");
        if (!f.handler().isEmpty()) {
            env.put("_HANDLER", f.handler());
        }
        if (config.concurrent()) {
            // the runtime's alone: it starts that many workers
            env.put(MAX_CONCURRENCY, Integer.toString(config.maxConcurrency()));
        }
        return env;
    }

    /** Without any {@code _}-prefixed key (so no {@code _HANDLER}) and without the runtime-only group. */
    static Map<String, String> forExtensions(Config config, String runtimeApiAddress) {
        Map<String, String> env = platform(config, runtimeApiAddress);
        env.keySet().removeIf(k -> k.startsWith("_") || k.equals("AWS_XRAY_CONTEXT_MISSING"));
        return env;
    }

    private static Map<String, String> platform(Config config, String runtimeApiAddress) {
        FunctionConfig f = config.function();
        Map<String, String> env = new HashMap<>(config.environment());
        env.keySet().removeIf(k -> k.startsWith("RAPID_") || k.equals(DAEMON_JVM_SIGNAL) || k.equals(MAX_CONCURRENCY));
        String taskRoot = config.taskRoot().toString();
        env.putIfAbsent("TZ", ":UTC");
        env.putIfAbsent("LANG", "en_US.UTF-8");
        env.putIfAbsent("PATH", "/var/lang/bin:/usr/local/bin:/usr/bin/:/bin:/opt/bin");
        env.putIfAbsent("LD_LIBRARY_PATH", "/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:"
                + taskRoot + ":" + taskRoot + "/lib:/opt/lib");
        env.put("AWS_LAMBDA_FUNCTION_NAME", f.name());
        env.put("AWS_LAMBDA_FUNCTION_VERSION", f.version());
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(f.memorySizeMb()));
        env.put("AWS_REGION", f.region());
        env.put("AWS_DEFAULT_REGION", config.environment().getOrDefault("AWS_DEFAULT_REGION", f.region()));
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", config.initializationType());
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApiAddress);
        // Lambda always names the log format, and names the application log level only with JSON
        LoggingConfig logging = config.logging();
        env.put("AWS_LAMBDA_LOG_FORMAT", logging.format().wire());
        if (logging.applicationLogLevel() == null) {
            env.remove("AWS_LAMBDA_LOG_LEVEL");
        } else {
            env.put("AWS_LAMBDA_LOG_LEVEL", logging.applicationLogLevel());
        }
        return env;
    }
}
