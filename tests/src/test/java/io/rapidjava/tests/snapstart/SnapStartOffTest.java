package io.rapidjava.tests.snapstart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Off, SnapStart costs nothing: none of its classes is loaded ({@code -Xlog:class+load}); on, they are. */
@Timeout(60)
class SnapStartOffTest {

    private static final List<String> FEATURE_CLASSES = List.of("io.rapidjava.rapid.SnapStart",
            "io.rapidjava.rapid.sandbox.Restores", "io.rapidjava.rapid.sandbox.RestoreCalls",
            "io.rapidjava.rapid.sandbox.Restore", "io.rapidjava.rapid.sandbox.RestoreNextCall",
            "io.rapidjava.rapid.http.RestoreRoutes", "io.rapidjava.rapid.http.HttpRestoreNextCall");

    private static List<String> loaded(Path dir, String... flags) {
        Path log = dir.resolve("classes.log");
        // on, the runtime walks the restore calls; off, it has none to call
        Path bootstrap = flags.length > 0 ? SnapStartTest.bootstrap(dir, "")
                : Scripts.runtime(dir, "plain", "while next; do respond '\"ok\"'; done\n");
        try (Daemon d = Daemon.builder().cleanLambdaEnv().flag(flags)
                .env("RAPID_JAVA_OPTS", "-Xlog:class+load=info:file=" + log).command(bootstrap.toString()).start()) {
            assertEquals("\"ok\"", d.invoke("{}").body());
            d.awaitStdout(l -> l.startsWith("REPORT RequestId: "), SnapStartTest.WAIT);
            String classes = Await.read(log);
            assertTrue(classes.contains("io.rapidjava.rapid.http.InvokeApi "), "the class log is complete");
            return FEATURE_CLASSES.stream().filter(c -> classes.contains(c + " ")).toList();
        }
    }

    @Test
    void offNoneOfItsClassesIsLoaded(@TempDir Path dir) {
        assertEquals(List.of(), loaded(dir));
    }

    @Test
    void onTheyAre(@TempDir Path dir) {
        assertEquals(FEATURE_CLASSES, loaded(dir, "--snapstart"));
    }
}
