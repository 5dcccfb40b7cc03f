package io.rapidjava.telemetry;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The function's log stream in Lambda's JSON log format, one JSON object a line: a platform record for each
 * platform event the stream shows ({@code platform.initStart}, {@code platform.start}, {@code platform.report},
 * ...), a {@code function} or {@code extension} record for each line of output. Records below the system log level
 * (platform records) or the application log level (output) are left out. Stateless, so it may be called from the
 * sandbox's thread and the output threads at once.
 */
public final class JsonLogStream implements PlatformListener {

    private final Consumer<String> out;
    private final RecordLevel applicationLevel;
    private final RecordLevel systemLevel;
    private final SandboxInfo info;

    /** {@code systemLevel} is DEBUG, INFO or WARN; {@code info} names the function in the init records. */
    public JsonLogStream(Consumer<String> out, RecordLevel applicationLevel, RecordLevel systemLevel,
                         SandboxInfo info) {
        this.out = out;
        this.applicationLevel = applicationLevel;
        this.systemLevel = systemLevel;
        // the log stream's records name no instance (CloudWatch shows neither its id nor its memory)
        this.info = new SandboxInfo(info.functionName(), info.functionVersion(), info.functionArn(), null, 0,
                info.initializationType(), info.jsonLogs());
    }

    @Override
    public void on(PlatformEvent event) {
        if (event instanceof PlatformEvent.LogLine line) {
            ApplicationRecord record = ApplicationRecord.of(line);
            if (record.level().kept(applicationLevel)) {
                out.accept(record.json());
            }
            return;
        }
        RecordLevel level = SystemLevels.of(event, info);
        if (level != null && level.kept(systemLevel)) {
            out.accept(platformRecord(event));
        }
    }

    /** The Telemetry API's record of the event (its schema 2022-12-13), as the log stream shows it. */
    private String platformRecord(PlatformEvent event) {
        Envelope e = Records.encode(event, Api.TELEMETRY, "2022-12-13", info);
        return new String(e.json(), StandardCharsets.UTF_8);
    }
}
