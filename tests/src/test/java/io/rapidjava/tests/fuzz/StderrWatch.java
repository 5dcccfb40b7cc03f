package io.rapidjava.tests.fuzz;

import io.rapidjava.tests.support.Daemon;
import java.util.List;
import java.util.regex.Pattern;

/** Scans the daemon's stderr, from where it last looked, for what only a bug prints: stack traces and SEVERE. */
final class StderrWatch {

    private static final int SHOWN = 12;
    /** java.util.logging's first line ("Dec 01, 2026 8:30:12 AM class method"): the next line says what happened. */
    private static final Pattern JUL_HEADER = Pattern.compile("\\w{3} \\d{2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} [AP]M \\S+ \\S+");
    private static final int SIGNATURE_CHARS = 100;

    private final Daemon daemon;
    private int seen;
    /** Whether the last line seen belongs to a stack trace (a trace may straddle two checks). */
    private boolean inTrace;

    StderrWatch(Daemon daemon) {
        this.daemon = daemon;
        this.seen = daemon.stderr().size();
    }

    /**
     * Records each distinct suspicious message printed since the last call, attributed to {@code window} (the
     * cases sent meanwhile) and to {@code culprit} when the window is one case.
     */
    void check(Findings findings, String api, String window, FuzzCase culprit) {
        List<String> lines = daemon.stderr();
        List<String> fresh = lines.subList(Math.min(seen, lines.size()), lines.size());
        seen = lines.size();
        for (int i = 0; i < fresh.size(); i++) {
            String line = fresh.get(i);
            boolean suspicious = (line.contains("\tat ") || line.contains("Exception") || line.contains("SEVERE"))
                    && !JUL_HEADER.matcher(line).matches();
            if (suspicious && !inTrace) {
                // JUL prints "SEVERE: <what>" and, when there is one, the exception on the next line
                String next = line.contains("SEVERE") && i + 1 < fresh.size() && isException(fresh.get(i + 1))
                        ? " / " + fresh.get(i + 1) : "";
                String excerpt = String.join("\n      ", fresh.subList(Math.max(0, i - 1), Math.min(fresh.size(), i + SHOWN)));
                findings.add(api + " stderr: " + signature(line + next), "during " + window + ":\n      " + excerpt, culprit);
            }
            inTrace = suspicious || (inTrace && (line.startsWith("\t") || line.startsWith("Caused by") || line.isBlank()));
        }
    }

    private static boolean isException(String line) {
        return line.contains("Exception") || line.contains("Error") || line.startsWith("java.") || line.startsWith("io.");
    }

    /** The message without its timestamp, numbers or hex dumps, cut short: one signature per kind of message. */
    private static String signature(String text) {
        int severe = text.indexOf("SEVERE");
        String rest = (severe >= 0 ? text.substring(severe) : text.strip())
                .replaceAll("[0-9a-fA-F]{8,}", "<hex>").replaceAll("\\d+", "N");
        return rest.length() > SIGNATURE_CHARS ? rest.substring(0, SIGNATURE_CHARS) : rest;
    }
}
