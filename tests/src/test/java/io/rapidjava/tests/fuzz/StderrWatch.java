package io.rapidjava.tests.fuzz;

import io.rapidjava.tests.support.Daemon;
import java.util.List;

/** Scans the daemon's stderr, from where it last looked, for what only a bug prints: stack traces and SEVERE. */
final class StderrWatch {

    private static final int SHOWN = 12;

    private final Daemon daemon;
    private int seen;

    StderrWatch(Daemon daemon) {
        this.daemon = daemon;
        this.seen = daemon.stderr().size();
    }

    /** Records the suspicious lines printed since the last call, attributed to {@code window} (cases sent then). */
    void check(Findings findings, String api, String window, FuzzCase culprit) {
        List<String> lines = daemon.stderr();
        List<String> fresh = lines.subList(Math.min(seen, lines.size()), lines.size());
        seen = lines.size();
        for (int i = 0; i < fresh.size(); i++) {
            String line = fresh.get(i);
            if (line.contains("\tat ") || line.contains("Exception") || line.contains("SEVERE")) {
                String excerpt = String.join("\n      ", fresh.subList(Math.max(0, i - 1), Math.min(fresh.size(), i + SHOWN)));
                findings.add(api + " stderr: " + firstWords(line), "during " + window + ":\n      " + excerpt, culprit);
                return;
            }
        }
    }

    /** The line without its timestamp, cut short: one signature per kind of message. */
    private static String firstWords(String line) {
        int level = line.indexOf('[');
        String rest = level >= 0 ? line.substring(level) : line.strip();
        return rest.length() > 90 ? rest.substring(0, 90) : rest;
    }
}
