package io.rapidjava.rapid.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtensionsDirTest {

    @TempDir
    Path src;

    private Path file(String rel) throws IOException {
        Path p = src.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, "#!/bin/sh\n");
    }

    @Test
    void eachExecutableIsLinkedUnderItsFileNameInAFreshDirectory() throws IOException {
        Path b = file("one/b-ext");
        Path a = file("two/a-ext");
        try (ExtensionsDir dir = ExtensionsDir.prepare(List.of(b, a))) {
            assertTrue(dir.path().getFileName().toString().startsWith("rapid-extensions-"));
            try (Stream<Path> entries = Files.list(dir.path())) {
                assertEquals(2, entries.count());
            }
            assertTrue(Files.isSymbolicLink(dir.path().resolve("a-ext")));
            assertEquals(a, Files.readSymbolicLink(dir.path().resolve("a-ext")));
            assertEquals(b, Files.readSymbolicLink(dir.path().resolve("b-ext")));
            assertEquals(List.of("a-ext", "b-ext"), dir.names());
        }
    }

    @Test
    void closingRemovesTheLinksAndTheDirectoryButNotTheExecutables() throws IOException {
        Path a = file("a-ext");
        ExtensionsDir dir = ExtensionsDir.prepare(List.of(a));
        dir.close();
        assertFalse(Files.exists(dir.path()));
        assertTrue(Files.exists(a));
        dir.close();
    }

    @Test
    void twoExtensionsOfOneNameAreRefused() throws IOException {
        Path one = file("one/ext");
        Path two = file("two/ext");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExtensionsDir.prepare(List.of(one, two)));
        assertEquals("@RapidSandbox(extensions): two extensions are named 'ext' (an extension's name is its file"
                + " name)", e.getMessage());
    }
}
