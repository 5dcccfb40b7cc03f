package io.rapidjava.tests.devloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Off, the Function URL and the watcher cost nothing: neither server nor watcher is made, and none of their classes
 * is loaded ({@code -Xlog:class+load}); on, they are.
 */
@Timeout(60)
class DevLoopOffTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> FEATURE_CLASSES = List.of("io.rapidjava.rapid.url.FunctionUrlServer",
            "io.rapidjava.rapid.http.PeerCapture", "io.rapidjava.rapid.watch.CodeWatcher");

    private static String classLog(Path dir, String... flags) {
        Path loaded = dir.resolve("classes.log");
        Path bootstrap = Scripts.runtime(dir, "bootstrap", "while next; do respond '\"ok\"'; done\n");
        try (Daemon d = Daemon.builder().cleanLambdaEnv().flag(flags)
                .env("RAPID_JAVA_OPTS", "-Xlog:class+load=info:file=" + loaded)
                .command(bootstrap.toString()).start()) {
            assertEquals("\"ok\"", d.invoke("{}").body());
            d.awaitStdout(l -> l.startsWith("REPORT RequestId: "), WAIT);
            return Await.read(loaded);
        }
    }

    private static List<String> loaded(String log) {
        assertTrue(log.contains("io.rapidjava.rapid.http.InvokeApi "), "the class log is complete");
        return FEATURE_CLASSES.stream().filter(c -> log.contains(c + " ")).toList();
    }

    @Test
    void withoutTheirFlagsNoneOfTheirClassesIsLoaded(@TempDir Path dir) {
        String log = classLog(dir);
        assertEquals(List.of(), loaded(log));
        assertEquals(List.of(), Arrays.stream(log.split("\n"))
                .filter(l -> l.contains("io.rapidjava.rapid.url.") || l.contains("io.rapidjava.rapid.watch.")).toList());
    }

    @Test
    void withTheirFlagsTheyAre(@TempDir Path dir) {
        assertEquals(FEATURE_CLASSES, loaded(classLog(dir, "--watch", "--function-url-address", "127.0.0.1:0")));
    }
}
