package io.rapidjava.interop;

import java.time.Duration;
import java.util.Objects;

/** The function as the platform configured it: what the runtime's environment, ARNs and REPORT lines say. */
public record FunctionConfig(
        String name,
        String version,
        int memorySizeMb,
        Duration timeout,
        String region,
        String accountId,
        String handler,
        String logGroupName,
        String logStreamName) {

    public FunctionConfig {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(handler, "handler");
        Objects.requireNonNull(logGroupName, "logGroupName");
        Objects.requireNonNull(logStreamName, "logStreamName");
    }

    public String arn() {
        return "arn:aws:lambda:" + region + ":" + accountId + ":function:" + name;
    }
}
