package io.rapidjava.rapid.metrics;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Loads the metrics plug-in: {@code rapid-metrics.jar} beside the daemon's jar (Micrometer, its registries and our
 * meters), in a class loader of its own whose parent is the daemon's. Kept out of the daemon's jar on purpose: a
 * larger jar costs every start, metrics or not (its central directory is read and indexed).
 */
public final class MetricsPlugin {

    static final String JAR = "rapid-metrics.jar";

    private MetricsPlugin() {
    }

    /** @throws IOException when the plug-in is missing or holds no {@link Metrics} */
    public static Metrics load() throws IOException {
        Path jar = location();
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " is missing (bin/build makes it)");
        }
        URLClassLoader loader = new URLClassLoader("rapid-metrics", new URL[] {jar.toUri().toURL()},
                MetricsPlugin.class.getClassLoader());
        return ServiceLoader.load(Metrics.class, loader).findFirst()
                .orElseThrow(() -> new IOException(jar + " holds no " + Metrics.class.getName()));
    }

    /** Beside the daemon's jar, or beside its classes directory when it runs from a build's classes. */
    static Path location() throws IOException {
        var source = MetricsPlugin.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IOException("cannot tell where the daemon's jar is");
        }
        try {
            return Path.of(source.getLocation().toURI()).resolveSibling(JAR);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new IOException("cannot tell where the daemon's jar is: " + e);
        }
    }
}
