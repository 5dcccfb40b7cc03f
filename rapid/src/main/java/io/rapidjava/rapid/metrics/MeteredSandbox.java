package io.rapidjava.rapid.metrics;

import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.rapid.TelemetryFeed;
import io.rapidjava.rapid.sandbox.Sandbox;

/**
 * What the meters read of a bound sandbox: its function, its event stream ({@code core}, listened to on the
 * sandbox's thread), its status snapshots ({@code sandbox}, taken on that thread for any caller) and its telemetry
 * subscribers' deliveries ({@code telemetry}, null when extensions are disabled). They never change it.
 */
public record MeteredSandbox(FunctionConfig function, Sandbox core, io.rapidjava.interop.Sandbox sandbox,
                             TelemetryFeed telemetry) {
}
