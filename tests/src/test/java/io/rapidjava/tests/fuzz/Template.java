package io.rapidjava.tests.fuzz;

import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.Function;

/** A valid request to one endpoint (with randomly chosen legal or odd values), the start of every fuzz case. */
record Template(String name, Function<Random, RawRequest> build) {

    RawRequest request(Random random) {
        return build.apply(random);
    }

    static String pick(Random random, String... options) {
        return options[random.nextInt(options.length)];
    }

    static <T> T pick(Random random, List<T> options) {
        return options.get(random.nextInt(options.size()));
    }

    /** A string of {@code n} copies of {@code c}. */
    static String run(char c, int n) {
        return String.valueOf(c).repeat(n);
    }

    /** {@code n} random bytes as Latin-1 chars (any value, CR, LF and NUL included). */
    static String noise(Random random, int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append((char) random.nextInt(256));
        }
        return sb.toString();
    }

    /** A small JSON event, sometimes with non-ASCII text or invalid UTF-8 inside a string. */
    static String jsonBody(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> "";
            case 1 -> "{}";
            case 2 -> RawRequest.utf8("{\"name\":\"wörld ☃ \uD83D\uDE00\"}");
            case 3 -> "{\"bad\":\"\u00c3\u0028\u00ff\u00fe\"}";
            case 4 -> "{\"n\":" + random.nextInt() + ",\"pad\":\"" + run('x', random.nextInt(2000)) + "\"}";
            case 5 -> "not json at all";
            case 6 -> "[" + "1,".repeat(random.nextInt(300)) + "1]";
            default -> "{\"key\":\"value\",\"nested\":{\"a\":[1,2,3]}}";
        };
    }

    /** A request id as a rogue process would guess it: never one the daemon handed out. */
    static String requestId(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> "";
            case 1 -> uuid(random).toUpperCase(Locale.ROOT);
            case 2 -> "null";
            case 3 -> run('a', 3000);
            case 4 -> "%2e%2e";
            case 5 -> "00000000-0000-0000-0000-000000000000";
            case 6 -> "id%00with%ffbytes";
            case 7 -> "a;b=c";
            default -> uuid(random);
        };
    }

    /** A well-formed UUID drawn from {@code random} (so a case can be replayed). */
    static String uuid(Random random) {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** Odd values for the error-type headers of the Runtime and Extensions APIs. */
    static String errorType(Random random) {
        return pick(random, "Runtime.Fuzz", "Function.Fuzz", "", " ", "Runtime.", "Function", "Runtime.Unknown",
                "Runtime.ExitError", "Sandbox.Timedout", "Extension.Crash", "Runtime.\u00ff\u00fe",
                RawRequest.utf8("Function.Ünïcödé"), "Runtime." + run('E', 5000), "Runtime.A,Function.B",
                "Runtime.x; y=z", "\t", "../../etc/passwd", "{\"errorType\":1}");
    }
}
