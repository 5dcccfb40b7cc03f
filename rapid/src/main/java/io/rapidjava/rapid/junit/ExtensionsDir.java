package io.rapidjava.rapid.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A fresh temporary directory holding one symbolic link per extension executable, named as the executable, so the
 * sandbox launches them as Lambda launches {@code /opt/extensions}: every entry, in name order. Links rather than
 * copies keep the executable's mode and let a script find its siblings through its real path. Closing removes the
 * links and the directory, never what they point to.
 */
final class ExtensionsDir implements AutoCloseable {

    private final Path dir;
    private final List<Path> links;

    private ExtensionsDir(Path dir, List<Path> links) {
        this.dir = dir;
        this.links = List.copyOf(links);
    }

    /** Links {@code executables} (absolute paths) into a new directory; two of the same file name are refused. */
    static ExtensionsDir prepare(List<Path> executables) {
        Set<String> names = new HashSet<>();
        for (Path e : executables) {
            if (!names.add(e.getFileName().toString())) {
                throw new IllegalArgumentException("@RapidSandbox(extensions): two extensions are named '"
                        + e.getFileName() + "' (an extension's name is its file name)");
            }
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("rapid-extensions-");
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot create an extensions directory", ex);
        }
        List<Path> links = new ArrayList<>();
        try {
            for (Path e : executables) {
                links.add(Files.createSymbolicLink(dir.resolve(e.getFileName().toString()), e));
            }
        } catch (IOException ex) {
            new ExtensionsDir(dir, links).close();
            throw new UncheckedIOException("cannot link the extensions into " + dir, ex);
        }
        return new ExtensionsDir(dir, links);
    }

    Path path() {
        return dir;
    }

    /** The extensions' names, in the order they start. */
    List<String> names() {
        return links.stream().map(l -> l.getFileName().toString()).sorted().toList();
    }

    @Override
    public void close() {
        try {
            for (Path link : links) {
                Files.deleteIfExists(link);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the extensions directory " + dir, e);
        }
    }
}
