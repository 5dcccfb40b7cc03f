package io.rapidjava.telemetry;

/**
 * What records say of the sandbox besides the event itself ({@code platform.initStart}'s function name and version,
 * instance id, memory; the initialization type of the init records).
 */
public record SandboxInfo(String functionName, String functionVersion, String functionArn, String instanceId,
                          int memorySizeMb, String initializationType) {
}
