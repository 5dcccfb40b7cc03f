package io.rapidjava.extensions;

import java.util.Locale;
import java.util.regex.Pattern;

/** Parses {@code Lambda-Extension-Identifier} in the forms Go's UUID parser takes, to the canonical form. */
final class ExtensionId {

    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern HEX32 = Pattern.compile("[0-9a-fA-F]{32}");

    private ExtensionId() {
    }

    /** The canonical lower-case UUID, or null when the header is not a UUID. */
    static String canonical(String header) {
        String s = header;
        if (s.length() == 38 && s.startsWith("{") && s.endsWith("}")) {
            s = s.substring(1, 37);
        } else if (s.length() == 45 && s.regionMatches(true, 0, "urn:uuid:", 0, 9)) {
            s = s.substring(9);
        } else if (HEX32.matcher(s).matches()) {
            s = s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-"
                    + s.substring(16, 20) + "-" + s.substring(20);
        }
        return CANONICAL.matcher(s).matches() ? s.toLowerCase(Locale.ROOT) : null;
    }
}
