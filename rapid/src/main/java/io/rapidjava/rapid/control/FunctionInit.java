package io.rapidjava.rapid.control;

import io.rapidjava.rendering.JsonTree;
import io.rapidjava.interop.FunctionConfig;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The function a deferred init binds ({@code POST /init}): every field null keeps the daemon's configured value.
 * Validated as Lambda's CreateFunction validates its configuration, so what a sandbox takes Lambda would take.
 * {@code environment} is the function's own variables, added to the daemon's environment.
 */
public record FunctionInit(
        String name,
        String version,
        String handler,
        Integer memorySizeMb,
        Integer timeoutSeconds,
        Map<String, String> environment) {

    private static final Set<String> FIELDS =
            Set.of("name", "version", "handler", "memorySizeMb", "timeoutSeconds", "environment");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,64}");
    private static final Pattern VERSION = Pattern.compile("\\$LATEST|[0-9]{1,1024}");
    private static final Pattern HANDLER = Pattern.compile("\\S{1,128}");
    private static final Pattern VARIABLE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");
    private static final int MAX_ENVIRONMENT_BYTES = 4096;
    /**
     * Lambda's reserved keys, which the platform sets (a function's value would be overridden without a word).
     * The credentials are not among them: a daemon has no role to take them from, so a pool binds them here.
     */
    private static final Set<String> RESERVED = Set.of("_HANDLER", "_X_AMZN_TRACE_ID", "AWS_DEFAULT_REGION",
            "AWS_REGION", "AWS_EXECUTION_ENV", "AWS_LAMBDA_FUNCTION_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_INITIALIZATION_TYPE", "AWS_LAMBDA_LOG_GROUP_NAME",
            "AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_RUNTIME_API", "LAMBDA_TASK_ROOT", "LAMBDA_RUNTIME_DIR");

    public FunctionInit {
        environment = environment == null ? null : Map.copyOf(environment);
    }

    /** The configured function with this init's fields in place of the configured ones. */
    public FunctionConfig applyTo(FunctionConfig configured) {
        return new FunctionConfig(
                name != null ? name : configured.name(),
                version != null ? version : configured.version(),
                memorySizeMb != null ? memorySizeMb : configured.memorySizeMb(),
                timeoutSeconds != null ? Duration.ofSeconds(timeoutSeconds) : configured.timeout(),
                configured.region(),
                configured.accountId(),
                handler != null ? handler : configured.handler(),
                configured.logGroupName(),
                configured.logStreamName());
    }

    /** The daemon's environment with this init's variables on top. */
    public Map<String, String> environmentOver(Map<String, String> daemon) {
        if (environment == null) {
            return daemon;
        }
        Map<String, String> merged = new HashMap<>(daemon);
        merged.putAll(environment);
        return Map.copyOf(merged);
    }

    /** Parses and validates {@code POST /init}'s body. */
    static FunctionInit parse(byte[] body) throws BadRequest {
        Map<?, ?> o = StrictJson.object(body, FIELDS);
        return new FunctionInit(
                matching(o, "name", NAME, "must be 1 to 64 letters, digits, hyphens or underscores"),
                matching(o, "version", VERSION, "must be $LATEST or a version number"),
                matching(o, "handler", HANDLER, "must be 1 to 128 characters without white space"),
                StrictJson.integer(o, "memorySizeMb", 128, 10_240),
                StrictJson.integer(o, "timeoutSeconds", 1, 900),
                environment(o));
    }

    private static String matching(Map<?, ?> o, String field, Pattern pattern, String why) throws BadRequest {
        String value = StrictJson.string(o, field);
        if (value != null && !pattern.matcher(value).matches()) {
            throw BadRequest.invalidValue(field, why);
        }
        return value;
    }

    private static Map<String, String> environment(Map<?, ?> o) throws BadRequest {
        Object v = o.get("environment");
        if (v == null || v == JsonTree.NULL) {
            return null;
        }
        if (!(v instanceof Map<?, ?> given)) {
            throw BadRequest.invalidValue("environment", "must be an object of strings");
        }
        Map<String, String> variables = new HashMap<>();
        long bytes = 0;
        for (Map.Entry<?, ?> e : given.entrySet()) {
            String key = (String) e.getKey();
            String field = "environment." + key;
            if (!VARIABLE.matcher(key).matches()) {
                throw BadRequest.invalidValue(field, "a name is a letter, then letters, digits or underscores");
            }
            if (RESERVED.contains(key) || key.startsWith("RAPID_")) {
                throw BadRequest.invalidValue(field, "reserved: the platform sets it");
            }
            if (!(e.getValue() instanceof String value)) {
                throw BadRequest.invalidValue(field, "must be a string");
            }
            if (value.indexOf('\0') >= 0) {
                throw BadRequest.invalidValue(field, "must not hold a NUL character");
            }
            bytes += key.getBytes(StandardCharsets.UTF_8).length + value.getBytes(StandardCharsets.UTF_8).length;
            variables.put(key, value);
        }
        if (bytes > MAX_ENVIRONMENT_BYTES) {
            throw BadRequest.invalidValue("environment", "exceeds Lambda's 4 KB limit (" + bytes + " bytes)");
        }
        return variables;
    }
}
