package io.rapidjava.tests.logformat;

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

/**
 * The Text format (the default, whose lines the runtimeapi tests check) never reaches the JSON stream's code: none
 * of its classes is loaded, so Text costs nothing it did not cost before.
 */
@Timeout(60)
class TextFormatTest {

    private static final List<String> JSON_STREAM_CLASSES = List.of("JsonLogStream", "Records",
            "ApplicationRecord", "SystemLevels", "RecordLevel");

    @Test
    void noClassOfTheJsonStreamIsLoaded(@TempDir Path dir) {
        Path loaded = dir.resolve("classes.log");
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do echo "line"; respond '"ok"'; done
                """);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().env("AWS_LAMBDA_LOG_FORMAT", "Text")
                .env("RAPID_JAVA_OPTS", "-Xlog:class+load=info:file=" + loaded)
                .command(bootstrap.toString()).start()) {
            d.invoke("{}");
            d.awaitStdout(l -> l.startsWith("REPORT RequestId: "), JsonStream.WAIT);
            assertTrue(d.stdout().contains("line"), d::describe);
            String log = Await.read(loaded);
            assertTrue(log.contains("io.rapidjava.rendering.PlatformLines"), "the class log is complete");
            assertEquals(List.of(), JSON_STREAM_CLASSES.stream()
                    .filter(c -> log.contains("io.rapidjava.telemetry." + c + " ")).toList());
        }
    }
}
