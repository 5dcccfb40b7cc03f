package io.rapidjava.tests.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A root filesystem a container runtime would start: the assembled image's files, and what its function needs
 * that an image's base would give it, taken from this machine: bash, a /bin/sh (the launcher's), coreutils' env
 * (which the launcher runs the JVM through), the C library and the other libraries they and the JVM link to (as
 * ldd names them), /dev/null, /proc and /tmp to mount or write in, and the function in /var/task.
 */
final class ContainerRoot {

    /** Taken from the machine: where the image's base would have them. */
    private static final List<String> PROGRAMS = List.of("/bin/bash", "/bin/sh", "/usr/bin/env");

    private ContainerRoot() {
    }

    /** Lays {@code image} and the programs under {@code root}, with {@code bootstrap} as /var/task/bootstrap. */
    static Path build(Path image, Path root, String bootstrap) throws IOException {
        run("cp", "-a", image + "/.", root.toString());
        Set<String> needed = new TreeSet<>(PROGRAMS);
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).filter(ContainerRoot::isElf).toList()) {
                needed.addAll(libraries(f, root));
            }
        }
        for (String program : PROGRAMS) {
            needed.addAll(libraries(Path.of(program), root));
        }
        for (String file : needed) {
            Path target = root.resolve(file.substring(1));
            Files.createDirectories(target.getParent());
            // the file itself, not a link that would point outside the root
            Files.copy(Path.of(file).toRealPath(), target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.COPY_ATTRIBUTES);
        }
        for (String dir : List.of("proc", "dev", "tmp", "var/task")) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        // the daemon gives its children /dev/null as stdin
        run("mknod", "-m", "666", root.resolve("dev/null").toString(), "c", "1", "3");
        Path function = root.resolve("var/task/bootstrap");
        Files.writeString(function, bootstrap, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(function, PosixFilePermissions.fromString("rwxr-xr-x"));
        return root;
    }

    /** The shared libraries {@code file} loads from outside {@code root} (ldd's absolute paths, the loader too). */
    private static List<String> libraries(Path file, Path root) throws IOException {
        String out = run("ldd", file.toString());
        return out.lines().flatMap(l -> Stream.of(l.trim().split("\\s+")))
                .filter(word -> word.startsWith("/") && !word.startsWith(root.toString()))
                .toList();
    }

    private static boolean isElf(Path file) {
        try (var in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(4);
            return magic.length == 4 && magic[0] == 0x7f && magic[1] == 'E' && magic[2] == 'L' && magic[3] == 'F';
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command; its output. ldd exits 1 for a file that is not dynamic: that output names no library. */
    private static String run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (p.exitValue() != 0 && !command[0].equals("ldd")) {
            throw new IOException(String.join(" ", command) + " failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }
}
