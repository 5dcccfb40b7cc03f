package io.rapidjava.tests.devloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hot reload ({@code --watch}): the function loads its answer from a file of its code directory when it starts, as
 * code is loaded at init; an edit between two invokes shows in the second, and an edit while an invoke runs lets that
 * invoke end as it would have, the next one getting the new code.
 */
@Timeout(90)
class WatchTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Answers what answer.txt held when it started; "gated" waits for $GATES/open first (outside the code). */
    private static final String RUNTIME = """
            answer="$(cat "$HERE/answer.txt")"
            while next; do
              if [ "$EVENT" = '"gated"' ]; then
                touch "$GATES/waiting"
                while [ ! -e "$GATES/open" ]; do sleep 0.02; done
              fi
              respond "\\"$answer\\""
            done
            """;

    private static Daemon start(Path code, Path gates) {
        return Daemon.builder().cleanLambdaEnv().env("GATES", gates.toString()).flag("--watch")
                .command(Scripts.runtime(code, "bootstrap", RUNTIME).toString()).start();
    }

    private static void write(Path file, String text) throws Exception {
        Path tmp = file.resolveSibling("." + file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void anEditBetweenTwoInvokesShowsInTheSecond(@TempDir Path dir) throws Exception {
        Path code = Files.createDirectories(dir.resolve("code"));
        Files.writeString(code.resolve("answer.txt"), "v1");
        try (Daemon d = start(code, Files.createDirectories(dir.resolve("gates")))) {
            d.awaitStderr(l -> l.contains("Watching [" + code), WAIT);
            assertEquals("\"v1\"", d.invoke("{}").body());

            write(code.resolve("answer.txt"), "v2");
            String line = d.awaitStderr(l -> l.contains("Code changed ("), WAIT);
            assertTrue(line.contains("answer.txt"), line);
            assertEquals("\"v2\"", d.invoke("{}").body(), d::describe);
            assertEquals(1, d.stderr().stream().filter(l -> l.contains("Code changed (")).count(),
                    "one line for one edit (its events debounced)");
        }
    }

    @Test
    void anEditDuringAnInvokeDoesNotBreakIt(@TempDir Path dir) throws Exception {
        Path code = Files.createDirectories(dir.resolve("code"));
        Path gates = Files.createDirectories(dir.resolve("gates"));
        Files.writeString(code.resolve("answer.txt"), "before");
        try (Daemon d = start(code, gates)) {
            d.awaitStderr(l -> l.contains("Watching ["), WAIT);
            CompletableFuture<HttpResponse<String>> running = Daemon.http().sendAsync(
                    d.invokeRequest(HttpRequest.BodyPublishers.ofString("\"gated\""), Map.of()),
                    HttpResponse.BodyHandlers.ofString());
            io.rapidjava.tests.support.Await.until(() -> Files.exists(gates.resolve("waiting")), WAIT,
                    () -> "the invoke never reached the function\n" + d.describe());

            write(code.resolve("answer.txt"), "after");
            d.awaitStderr(l -> l.contains("Code changed ("), WAIT);
            CompletableFuture<HttpResponse<String>> next = Daemon.http().sendAsync(
                    d.invokeRequest(HttpRequest.BodyPublishers.ofString("{}"), Map.of()),
                    HttpResponse.BodyHandlers.ofString());
            Files.createFile(gates.resolve("open"));

            HttpResponse<String> r = running.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertEquals(200, r.statusCode());
            assertEquals("\"before\"", r.body(), "the invoke in flight ends with the code it started with");
            assertTrue(r.headers().firstValue("X-Amz-Function-Error").isEmpty(), r.headers().map()::toString);
            assertEquals("\"after\"", next.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).body(), d::describe);
            String report = d.awaitStdout(l -> l.startsWith("REPORT RequestId: "), WAIT);
            assertTrue(!report.contains("Status:"), report);
            d.awaitStdoutCount(l -> l.startsWith("INIT_START "), 2, WAIT);
        }
    }
}
