package io.rapidjava.telemetry;

import io.rapidjava.interop.PlatformEvent;

/**
 * The level of each platform record, as AWS's "system log level event mapping" assigns it: what a system log level
 * of DEBUG, INFO or WARN keeps in the function's JSON log stream.
 */
final class SystemLevels {

    private SystemLevels() {
    }

    /** Null for the events that put no platform record in the log stream. */
    static RecordLevel of(PlatformEvent event, SandboxInfo info) {
        return switch (event) {
            case PlatformEvent.InitStart s -> s.runtimeVersion() == null || s.runtimeVersion().isEmpty()
                    ? RecordLevel.DEBUG : RecordLevel.INFO;
            case PlatformEvent.InitRuntimeDone d -> succeeded(d.status(), RecordLevel.DEBUG);
            // the one row with a second condition: a successful on-demand init is only worth a DEBUG record
            case PlatformEvent.InitReport r -> succeeded(r.status(),
                    "on-demand".equals(info.initializationType()) ? RecordLevel.DEBUG : RecordLevel.INFO);
            // the restore's records are levelled as the init's of a function that is not on-demand
            case PlatformEvent.RestoreStart s -> RecordLevel.INFO;
            case PlatformEvent.RestoreRuntimeDone d -> succeeded(d.status(), RecordLevel.DEBUG);
            case PlatformEvent.RestoreReport r -> succeeded(r.status(), RecordLevel.INFO);
            case PlatformEvent.InvokeStart s -> RecordLevel.INFO;
            case PlatformEvent.InvokeRuntimeDone d -> succeeded(d.status(), RecordLevel.DEBUG);
            case PlatformEvent.InvokeReport r -> succeeded(r.status(), RecordLevel.INFO);
            // registered is the only state a registration event reports
            case PlatformEvent.ExtensionRegistered e -> RecordLevel.INFO;
            // a fault and a timeout are told by the status and error type of runtimeDone and report
            case PlatformEvent.InvokeFault f -> null;
            case PlatformEvent.InvokeTimeout t -> null;
            case PlatformEvent.ShutdownStart s -> null;
            case PlatformEvent.ShutdownReport s -> null;
            case PlatformEvent.LogLine l -> null;
        };
    }

    /** Anything but a success is a WARN record. */
    private static RecordLevel succeeded(String status, RecordLevel onSuccess) {
        return "success".equals(status) ? onSuccess : RecordLevel.WARN;
    }
}
