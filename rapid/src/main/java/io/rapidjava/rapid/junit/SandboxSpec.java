package io.rapidjava.rapid.junit;

import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.interop.SandboxConfig;
import io.rapidjava.rapid.embed.EmbeddedSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * What a {@link RapidSandbox} declares, checked and with its paths resolved: the bootstrap command (its executable
 * absolute), the extensions' executables, the environment entries and the limits (null: the daemon's default).
 */
record SandboxSpec(
        List<String> bootstrap,
        List<Path> extensions,
        Map<String, String> environment,
        boolean perTest,
        Duration functionTimeout,
        Duration initTimeout,
        Duration shutdownTimeout) {

    SandboxSpec {
        bootstrap = List.copyOf(bootstrap);
        extensions = List.copyOf(extensions);
        environment = Map.copyOf(environment);
    }

    /** Reads {@code a}, resolving relative paths against {@code base}; an {@link IllegalArgumentException} says what is wrong. */
    static SandboxSpec of(RapidSandbox a, Path base) {
        if (a.bootstrap().length == 0 || a.bootstrap()[0].isBlank()) {
            throw new IllegalArgumentException("@RapidSandbox(bootstrap): a command is needed");
        }
        List<String> bootstrap = new ArrayList<>(List.of(a.bootstrap()));
        bootstrap.set(0, executable("bootstrap", a.bootstrap()[0], base).toString());
        List<Path> extensions = new ArrayList<>();
        for (String e : a.extensions()) {
            extensions.add(executable("extensions", e, base));
        }
        return new SandboxSpec(bootstrap, extensions, environment(a.environment()), a.perTest(),
                positive("timeoutSeconds", a.timeoutSeconds(), Duration::ofSeconds),
                positive("initTimeoutMillis", a.initTimeoutMillis(), Duration::ofMillis),
                positive("shutdownTimeoutMillis", a.shutdownTimeoutMillis(), Duration::ofMillis));
    }

    /**
     * The sandbox's configuration: the embedding defaults for the bootstrap, with the declared limits, the
     * {@code extensionsDir} (null: none), and the environment: the host's (what the defaults hold too),
     * {@code JAVA_HOME} (the test JVM's when the host sets none, for extensions that are Java programs) and the
     * declared entries, in that order of precedence, lowest first.
     */
    SandboxConfig config(Path extensionsDir, Map<String, String> hostEnvironment, String javaHome) {
        SandboxConfig d = EmbeddedSandbox.defaults(bootstrap);
        FunctionConfig f = d.function();
        if (functionTimeout != null) {
            f = new FunctionConfig(f.name(), f.version(), f.memorySizeMb(), functionTimeout, f.region(),
                    f.accountId(), f.handler(), f.logGroupName(), f.logStreamName());
        }
        Map<String, String> env = new HashMap<>(hostEnvironment);
        env.putIfAbsent("JAVA_HOME", javaHome);
        env.putAll(environment);
        return new SandboxConfig(d.bootstrap(), d.workingDir(), env, extensionsDir, f, d.runtimeVersion(),
                initTimeout != null ? initTimeout : d.initTimeout(),
                shutdownTimeout != null ? shutdownTimeout : d.shutdownTimeout());
    }

    private static Path executable(String attribute, String path, Path base) {
        Path p = base.resolve(path).toAbsolutePath().normalize();
        String where = "@RapidSandbox(" + attribute + "): " + p
                + (Path.of(path).isAbsolute() ? "" : " ('" + path + "' from " + base.toAbsolutePath() + ")");
        if (!Files.exists(p)) {
            throw new IllegalArgumentException(where + " does not exist");
        }
        if (Files.isDirectory(p)) {
            throw new IllegalArgumentException(where + " is a directory, not an executable");
        }
        if (!Files.isExecutable(p)) {
            throw new IllegalArgumentException(where + " is not executable (chmod +x)");
        }
        return p;
    }

    private static Map<String, String> environment(String[] entries) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("@RapidSandbox(environment): '" + entry + "' is not KEY=VALUE");
            }
            env.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        return env;
    }

    private static Duration positive(String attribute, long value, LongFunction<Duration> unit) {
        if (value < 0) {
            throw new IllegalArgumentException("@RapidSandbox(" + attribute + "): " + value + " is negative");
        }
        return value == 0 ? null : unit.apply(value);
    }
}
