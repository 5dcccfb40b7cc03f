package io.rapidjava.rapid;

import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import io.rapidjava.rendering.PlatformLines;
import io.rapidjava.telemetry.JsonLogStream;
import io.rapidjava.telemetry.RecordLevel;
import io.rapidjava.telemetry.SandboxInfo;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Lambda's advanced logging controls: the format of the function's log stream and, with JSON only (Lambda refuses
 * levels with Text), the application and system log levels, by Lambda's names ({@code INFO}, ...).
 */
public record LoggingConfig(Format format, String applicationLogLevel, String systemLogLevel) {

    public static final LoggingConfig TEXT = new LoggingConfig(Format.TEXT, null, null);

    public enum Format {
        TEXT("Text"),
        JSON("JSON");

        private final String wire;

        Format(String wire) {
            this.wire = wire;
        }

        /** As Lambda spells it in {@code AWS_LAMBDA_LOG_FORMAT}. */
        public String wire() {
            return wire;
        }
    }

    /**
     * The function's log stream written line by line to {@code out}. Only the JSON format reaches the telemetry
     * module, so with Text none of its classes is ever loaded.
     */
    public PlatformListener printedTo(Consumer<String> out, FunctionConfig function) {
        return printedTo(out, function, "on-demand");
    }

    /** {@code initializationType}: {@code on-demand}, or {@code snap-start} (see {@link SnapStart}). */
    public PlatformListener printedTo(Consumer<String> out, FunctionConfig function, String initializationType) {
        return format == Format.JSON ? json(out, function, initializationType)
                : PlatformLines.printedTo(out, SnapStart.INITIALIZATION_TYPE.equals(initializationType));
    }

    /** How one event reads in an invoke's Tail log: the lines it adds to the log stream, in this format. */
    public BiConsumer<PlatformEvent, Consumer<String>> lines(FunctionConfig function, String initializationType) {
        if (format == Format.JSON) {
            return (event, out) -> json(out, function, initializationType).on(event);
        }
        boolean snapStart = SnapStart.INITIALIZATION_TYPE.equals(initializationType);
        return (event, out) -> PlatformLines.of(event, snapStart).forEach(out);
    }

    private PlatformListener json(Consumer<String> out, FunctionConfig function, String initializationType) {
        // no instance id: none of the log stream's records names the instance
        return new JsonLogStream(out, RecordLevel.valueOf(applicationLogLevel), RecordLevel.valueOf(systemLogLevel),
                new SandboxInfo(function.name(), function.version(), function.arn(), null, function.memorySizeMb(),
                        initializationType));
    }
}
