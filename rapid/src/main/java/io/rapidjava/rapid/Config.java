package io.rapidjava.rapid;

import io.rapidjava.interop.FunctionConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Everything the daemon was told at startup, from flags and environment; built once, never changed. */
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
        int maxInvokeConnections) {

    public record HostPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
