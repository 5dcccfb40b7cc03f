package io.rapidjava.tests.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The daemon's jar leaves JUnit and the extension built on it to the hosts' tests: it can never load them. */
class DaemonJarTest {

    private static final List<String> FOR_TESTS_ONLY =
            List.of("org/junit/", "org/opentest4j/", "org/apiguardian/", "io/rapidjava/rapid/junit/");

    @Test
    void holdsNoJunit() throws IOException {
        Path jar = Path.of(System.getProperty("rapid.home"), "rapid", "target", "rapid.jar");
        try (JarFile daemon = new JarFile(jar.toFile())) {
            List<String> found = daemon.stream().map(ZipEntry::getName)
                    .filter(n -> FOR_TESTS_ONLY.stream().anyMatch(n::startsWith)).toList();
            assertEquals(List.of(), found, jar + " holds classes for tests");
        }
    }
}
