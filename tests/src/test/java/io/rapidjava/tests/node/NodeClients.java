package io.rapidjava.tests.node;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * AWS's Node runtime interface client ({@code aws-lambda-ric}, which builds its native part on install) and the AWS
 * SDK for JavaScript v3, installed from npm with the versions pinned in {@code src/test/node/package-lock.json} into
 * {@code target/node} (never into git), once: a later run with the same lock file reuses them. Without npm, or when
 * the install fails, the tests that need them are skipped, saying why.
 */
final class NodeClients {

    private static final Path SOURCES = Path.of("src/test/node").toAbsolutePath();
    private static final Path HOME = Path.of("target/node").toAbsolutePath();
    private static final long INSTALL_MINUTES = 15;

    private NodeClients() {
    }

    /** The directory with {@code node_modules}, the handlers and the client script. */
    static synchronized Path installed() {
        try {
            assumeTrue(Scripts.onPath("node") && Scripts.onPath("npm"), "node and npm are not on the PATH: the Node clients' tests "
                    + "are skipped");
            Files.createDirectories(HOME);
            for (String file : List.of("package.json", "package-lock.json", "handlers.js", "client.mjs")) {
                Files.copy(SOURCES.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            Path marker = HOME.resolve("node_modules/.installed-from");
            String lock = Files.readString(SOURCES.resolve("package-lock.json"));
            if (!Files.exists(marker) || !Files.readString(marker).equals(lock)) {
                Path log = HOME.resolve("npm-ci.log");
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                        .directory(HOME.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                boolean ended = npm.waitFor(INSTALL_MINUTES, TimeUnit.MINUTES);
                if (!ended) {
                    npm.destroyForcibly();
                }
                assumeTrue(ended && npm.exitValue() == 0, () -> "npm ci of aws-lambda-ric and @aws-sdk/client-lambda "
                        + "did not succeed (its native build needs cmake, make, g++, autoconf, automake, libtool): "
                        + "the Node clients' tests are skipped; the end of " + log + ":\n" + tail(log));
                Files.writeString(marker, lock, StandardCharsets.UTF_8);
            }
            return HOME;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while installing the Node clients", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
