package io.rapidjava.rapid.sandbox;

import io.rapidjava.rapid.Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The external extensions of a function: every non-directory entry of the extensions directory, by name. */
final class ExtensionFiles {

    private ExtensionFiles() {
    }

    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            Log.info("No extensions directory " + dir + ": starting without external extensions");
            return List.of();
        }
        // Symlinks count, whatever they point to; subdirectories are not descended into.
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            Log.warn("Cannot list extensions directory " + dir + ": " + e.getMessage());
            return List.of();
        }
    }
}
