package io.rapidjava.tests.runtimeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Dumps;
import io.rapidjava.tests.support.Daemon;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** Shared constants and assertions of the runtimeapi tests. */
final class Rt {

    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    static final String ARN_PREFIX = "arn:aws:lambda:us-east-1:012345678912:function:";
    static final Duration WAIT = Duration.ofSeconds(20);

    private Rt() {
    }

    /** A builder with the test machine's Lambda variables removed, so defaults are what is tested. */
    static Daemon.Builder daemon() {
        return Daemon.builder().cleanLambdaEnv();
    }

    static Optional<String> header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name);
    }

    static void assertStatus(int expected, HttpResponse<?> r) {
        assertEquals(expected, r.statusCode(), () -> "status of " + r.uri() + "; headers " + r.headers().map()
                + "; body <" + bodyText(r) + ">");
    }

    static String bodyText(HttpResponse<?> r) {
        Object b = r.body();
        if (b instanceof byte[] bytes) {
            return bytes.length > 2000 ? "<" + bytes.length + " bytes>" : new String(bytes);
        }
        String s = String.valueOf(b);
        return s.length() > 2000 ? s.substring(0, 2000) + "...<" + s.length() + " chars>" : s;
    }

    /** 200 with {@code X-Amz-Function-Error: Unhandled}. */
    static void assertUnhandled(HttpResponse<?> r) {
        assertStatus(200, r);
        assertEquals(Optional.of("Unhandled"), header(r, "X-Amz-Function-Error"),
                () -> "X-Amz-Function-Error; headers " + r.headers().map() + "; body <" + bodyText(r) + ">");
    }

    /** A plain success: 200 without {@code X-Amz-Function-Error}. */
    static void assertSuccess(HttpResponse<?> r) {
        assertStatus(200, r);
        assertEquals(Optional.empty(), header(r, "X-Amz-Function-Error"),
                () -> "unexpected X-Amz-Function-Error; body <" + bodyText(r) + ">");
    }

    /** The request ids the runtime logged (one per line) in {@code file}, waiting for at least {@code n}. */
    static List<String> loggedLines(Daemon d, Path file, int n) {
        return Await.lines(file, n, WAIT, d::describe);
    }

    static Predicate<String> startsWith(String prefix) {
        return l -> l.startsWith(prefix);
    }

    static void assertUuid(String id) {
        assertTrue(id != null && UUID.matcher(id).matches(), () -> "not a UUID: <" + id + ">");
    }

    /** The runtime's saved answer (see {@code save_last}) carried {@code Content-Type: application/json}. */
    static void assertSavedJsonContentType(Path dir, String tag) {
        Map<String, String> h = Dumps.parseHeaders(Await.read(dir.resolve(tag + ".headers")));
        String ct = h.getOrDefault("content-type", "");
        assertTrue(ct.startsWith("application/json"), () -> "Content-Type of the runtime's answer: " + h);
    }

    /** The request id a runtime logged (as lines {@code <id> <event>} in {@code log}) for {@code event}. */
    static String idSeenFor(Daemon d, Path log, String event) {
        return Await.value(() -> (java.nio.file.Files.exists(log) ? Await.read(log) : "").lines()
                        .filter(l -> l.endsWith(" " + event))
                        .map(l -> l.substring(0, l.indexOf(' ')))
                        .findFirst(),
                WAIT, () -> "runtime never saw " + event + "\n" + d.describe());
    }

    static long count(Daemon d, Predicate<String> p) {
        return d.stdout().stream().filter(p).count();
    }
}
