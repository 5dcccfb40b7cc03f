package io.rapidjava.tests.support;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Parses what test runtimes and extensions record: {@code curl -D} header dumps and {@code env} dumps. */
public final class Dumps {

    private Dumps() {
    }

    /** Raw HTTP response headers as written by {@code curl -D}: lower-cased name → value, of the last response. */
    public static Map<String, String> parseHeaders(String raw) {
        Map<String, String> h = new LinkedHashMap<>();
        for (String line : raw.split("\r?\n")) {
            if (line.startsWith("HTTP/")) {
                h.clear(); // e.g. a "100 Continue" block before the real one
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                h.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        return h;
    }

    /** A {@code KEY=VALUE} per line env dump (split at the first '='). */
    public static Map<String, String> parseEnv(String dump) {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : dump.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                env.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return env;
    }
}
