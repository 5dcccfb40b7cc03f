package io.rapidjava.rapid.junit;

import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformEvent.LogLine;
import io.rapidjava.interop.SandboxConfig;
import java.util.List;
import java.util.Locale;

/** Why a sandbox did not start, as a test failure says it: the INIT report, what ran, and its last output. */
final class StartFailure {

    private static final int OUTPUT_LINES = 20;

    private StartFailure() {
    }

    static String describe(SandboxConfig config, List<String> extensions, PlatformEvent.InitReport report,
                           List<PlatformEvent> events) {
        StringBuilder sb = new StringBuilder("the sandbox did not start: INIT ").append(report.status());
        if (report.errorType() != null) {
            sb.append(" (").append(report.errorType()).append(')');
        }
        sb.append(" after ").append(String.format(Locale.ROOT, "%.1f", report.durationMs())).append(" ms")
                .append("\n  bootstrap: ").append(String.join(" ", config.bootstrap()))
                .append("\n  extensions: ").append(extensions.isEmpty() ? "none" : String.join(", ", extensions));
        List<LogLine> output = events.stream().filter(LogLine.class::isInstance).map(LogLine.class::cast).toList();
        if (output.isEmpty()) {
            sb.append("\n  no output from the runtime or the extensions");
        } else {
            sb.append("\n  the last output:");
            for (LogLine l : output.subList(Math.max(0, output.size() - OUTPUT_LINES), output.size())) {
                sb.append("\n    [").append(l.source());
                if (l.name() != null && !l.name().isEmpty()) {
                    sb.append(' ').append(l.name());
                }
                sb.append("] ").append(l.text());
            }
        }
        return sb.toString();
    }
}
