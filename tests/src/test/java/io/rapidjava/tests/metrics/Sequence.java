package io.rapidjava.tests.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The known sequence the metrics tests run and then check: three successes, a function error, a timeout (the
 * runtime is killed; the next invoke re-initialises), a success, a crash (re-initialised again), and a success held
 * by the runtime while a second one waits and a third is refused with 429, then the one that waited. A daemon for
 * it runs the function {@value #FUNCTION} with a one-second timeout and room for one waiting invoke; it must have
 * its scrape endpoint (the sequence watches the queue through it).
 */
final class Sequence {

    static final String FUNCTION = "metered";
    static final Duration WAIT = Duration.ofSeconds(30);
    /** Invokes that ran: six successes, two errors, a timeout (the 429 never ran). */
    static final int INVOKES = 9;

    private Sequence() {
    }

    static Daemon.Builder daemon(Path dir) {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  case "$EVENT" in
                    *oops*) fail Function.Oops '{"errorMessage":"oops","errorType":"Function.Oops"}' ;;
                    *hang*) sleep 30 ;;
                    *crash*) exit 1 ;;
                    *hold*) put held "$REQUEST_ID"; wait_for release; respond '"held"' ;;
                    *) respond '"ok"' ;;
                  esac
                done
                """);
        return clean(Daemon.builder()).env("AWS_LAMBDA_FUNCTION_NAME", FUNCTION).env("AWS_LAMBDA_FUNCTION_TIMEOUT", "1")
                .flag("--max-queued-invokes", "1").command(bootstrap.toString());
    }

    /**
     * Without the machine's Lambda variables, nor its {@code OTEL_*} ones: an endpoint there would turn the push on.
     */
    static Daemon.Builder clean(Daemon.Builder b) {
        b.cleanLambdaEnv();
        for (String k : System.getenv().keySet()) {
            if (k.startsWith("OTEL_")) {
                b.unsetEnv(k);
            }
        }
        return b;
    }

    /** Runs the sequence; {@code whileHeld} runs while the last invoke is in flight (after the 429). */
    static void run(Daemon d, Path dir, Runnable whileHeld) {
        for (int i = 0; i < 3; i++) {
            assertEquals("\"ok\"", d.invoke("{\"n\":" + i + "}").body(), d::describe);
        }
        assertEquals("Unhandled", functionError(d.invoke("\"oops\"")), d::describe);
        assertEquals("Unhandled", functionError(d.invoke("\"hang\"")), d::describe);
        assertEquals("\"ok\"", d.invoke("{}").body(), d::describe);
        assertEquals("Unhandled", functionError(d.invoke("\"crash\"")), d::describe);
        CompletableFuture<HttpResponse<String>> held = send(d, "\"hold\"");
        Await.file(dir.resolve("held"), WAIT, d::describe);
        CompletableFuture<HttpResponse<String>> queued = send(d, "{}");
        Await.until(() -> Scrape.of(d).gauge("rapid_invokes_queued", "faas_name", FUNCTION) == 1, WAIT,
                () -> "an invoke waits\n" + d.describe());
        assertEquals(429, d.invoke("{}").statusCode(), d::describe);
        whileHeld.run();
        try {
            Files.writeString(dir.resolve("release"), "go");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        assertEquals("\"held\"", held.join().body(), d::describe);
        assertEquals("\"ok\"", queued.join().body(), d::describe);
        // the last invoke's REPORT is out once the runtime asks for the next event
        d.awaitStdoutCount(l -> l.startsWith("REPORT RequestId: "), INVOKES, WAIT);
    }

    private static CompletableFuture<HttpResponse<String>> send(Daemon d, String event) {
        return Daemon.http().sendAsync(d.invokeRequest(HttpRequest.BodyPublishers.ofString(event), Map.of()),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private static String functionError(HttpResponse<String> answer) {
        return answer.headers().firstValue("X-Amz-Function-Error").orElse("none: " + answer.body());
    }
}
