package io.rapidjava.interop;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a sandbox runs and within which limits: the runtime's command and working directory, the environment the
 * platform adds to Lambda's, the extensions directory (null: none), the function, and the init and shutdown limits
 * (the invoke limit is the function's timeout).
 */
public record SandboxConfig(
        List<String> bootstrap,
        Path workingDir,
        Map<String, String> environment,
        Path extensionsDir,
        FunctionConfig function,
        String runtimeVersion,
        Duration initTimeout,
        Duration shutdownTimeout) {

    public SandboxConfig {
        bootstrap = List.copyOf(bootstrap);
        if (bootstrap.isEmpty()) {
            throw new IllegalArgumentException("bootstrap: a command is needed");
        }
        Objects.requireNonNull(workingDir, "workingDir");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(function, "function");
        Objects.requireNonNull(runtimeVersion, "runtimeVersion");
        Objects.requireNonNull(initTimeout, "initTimeout");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
    }

    public SandboxConfig withFunction(FunctionConfig f) {
        return new SandboxConfig(bootstrap, workingDir, environment, extensionsDir, f, runtimeVersion, initTimeout,
                shutdownTimeout);
    }

    public SandboxConfig withEnvironment(Map<String, String> env) {
        return new SandboxConfig(bootstrap, workingDir, env, extensionsDir, function, runtimeVersion, initTimeout,
                shutdownTimeout);
    }
}
