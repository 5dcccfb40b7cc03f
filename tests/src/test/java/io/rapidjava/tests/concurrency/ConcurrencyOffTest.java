package io.rapidjava.tests.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Off, the concurrent mode costs nothing: none of its classes is loaded ({@code -Xlog:class+load}); on, they are.
 * And a bad worker count stops the daemon with one line and exit code 2, as every bad setting does.
 */
@Timeout(60)
class ConcurrencyOffTest {

    /** What every invoke in the mode loads (and ManagedExtensions, which only a registration does). */
    private static final List<String> MODE_CLASSES = List.of("io.rapidjava.rapid.sandbox.ConcurrentDispatch",
            "io.rapidjava.rapid.sandbox.ConcurrentCalls", "io.rapidjava.rapid.sandbox.Workers",
            "io.rapidjava.rapid.sandbox.ResponseState", "io.rapidjava.rapid.sandbox.RoutedSide",
            "io.rapidjava.rapid.sandbox.TimedOutIds");
    private static final String EXTENSION_RULES = "io.rapidjava.rapid.sandbox.ManagedExtensions";

    private static List<String> loaded(Path dir, Daemon.Builder daemon) {
        Path log = dir.resolve("classes.log");
        try (Daemon d = daemon.env("RAPID_JAVA_OPTS", "-Xlog:class+load=info:file=" + log).start()) {
            assertEquals("ping", d.invoke("ping").body());
            d.awaitStdout(l -> l.startsWith("REPORT RequestId: "), Workers.WAIT);
        }
        String classes = Await.read(log);
        assertTrue(classes.contains("io.rapidjava.rapid.http.InvokeApi "), "the class log is complete");
        assertTrue(!classes.contains(EXTENSION_RULES + " "), "no extension registered");
        return MODE_CLASSES.stream().filter(c -> classes.contains(c + " ")).toList();
    }

    @Test
    void offNoneOfItsClassesIsLoaded(@TempDir Path dir) {
        // the bash runtime starts one worker when it is not told a count
        assertEquals(List.of(), loaded(dir, Daemon.builder().cleanLambdaEnv()
                .command(Workers.bootstrap(dir).toString())));
        assertEquals("unset on-demand", Await.read(dir.resolve("runtime.log")).strip().split(" ", 2)[1]);
    }

    @Test
    void onTheyAre(@TempDir Path dir) {
        assertEquals(MODE_CLASSES, loaded(dir, Workers.daemon(dir, 1)));
    }

    @Test
    void aBadWorkerCountStopsTheDaemon(@TempDir Path dir) {
        for (String bad : List.of("0", "many")) {
            try (Daemon d = Daemon.builder().cleanLambdaEnv().env("AWS_LAMBDA_MAX_CONCURRENCY", bad)
                    .command(Workers.bootstrap(dir).toString()).startExpectingExit()) {
                assertEquals(2, d.awaitExit(Workers.WAIT), d::describe);
                List<String> named = d.stderr().stream()
                        .filter(l -> l.contains("AWS_LAMBDA_MAX_CONCURRENCY / --max-concurrency '" + bad + "'")).toList();
                assertEquals(1, named.size(), d::describe);
            }
        }
    }
}
