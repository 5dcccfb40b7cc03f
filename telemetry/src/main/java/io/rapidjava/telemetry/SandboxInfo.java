package io.rapidjava.telemetry;

/**
 * What records say of the sandbox besides the event itself ({@code platform.initStart}'s function name and version,
 * instance id, memory; the initialization type of the init records), and whether the function logs in the JSON
 * format (its JSON lines are then objects in the Telemetry API's records from schema 2022-12-13 on).
 */
public record SandboxInfo(String functionName, String functionVersion, String functionArn, String instanceId,
                          int memorySizeMb, String initializationType, boolean jsonLogs) {

    /** A function logging in the Text format. */
    public SandboxInfo(String functionName, String functionVersion, String functionArn, String instanceId,
                       int memorySizeMb, String initializationType) {
        this(functionName, functionVersion, functionArn, instanceId, memorySizeMb, initializationType, false);
    }
}
