package io.rapidjava.tests.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What the Telemetry and Logs API black-box tests share: the daemon they start and how extensions are run. */
final class Tel {

    /** Generous wait for anything that should happen "soon" on a loaded 2-core machine. */
    static final Duration WAIT = Duration.ofSeconds(20);
    /** An envelope's time: UTC, millisecond precision. */
    static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z");

    private Tel() {
    }

    /**
     * A daemon builder with the machine's Lambda variables removed and {@code --extensions-dir extDir}; the init
     * timeout is raised so that slow JVM starts on a loaded machine do not fail init.
     */
    static Daemon.Builder daemon(Path extDir) {
        return Daemon.builder().cleanLambdaEnv().unsetEnv("AWS_ACCOUNT_ID")
                .flag("--extensions-dir", extDir.toString(), "--init-timeout-ms", "60000");
    }

    /** Creates (if needed) and returns {@code dir/ext}, the extensions dir of a test. */
    static Path extDir(Path dir) {
        try {
            return Files.createDirectories(dir.resolve("ext"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request id a runtime logged (as lines {@code <id> <event>} in {@code dir/ids.log}) for {@code event}. */
    static String requestId(Daemon d, Path dir, String event) {
        Path log = dir.resolve("ids.log");
        return Await.value(() -> (Files.exists(log) ? Await.read(log) : "").lines()
                        .filter(l -> l.endsWith(" " + event))
                        .map(l -> l.substring(0, l.indexOf(' ')))
                        .findFirst(),
                WAIT, () -> "the runtime never got " + event + "\n" + d.describe());
    }

    /**
     * Runs {@code check} repeatedly for {@code window}: only to assert that something does NOT happen meanwhile
     * (there is no event to wait for then).
     */
    static void throughout(Duration window, Runnable check) {
        long until = System.nanoTime() + window.toNanos();
        do {
            check.run();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        } while (System.nanoTime() < until);
        check.run();
    }

    /** The command that runs {@code mainClass} of the compiled test classes with the test JVM's java. */
    static String java(Class<?> mainClass) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return quote(java.toString()) + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "
                + quote(testClasses().toString()) + " " + mainClass.getName();
    }

    /** A bash script of {@code src/test/resources/telemetry}. */
    static Path resource(String name) {
        return Path.of(System.getProperty("rapid.home"), "tests", "src", "test", "resources", "telemetry", name)
                .toAbsolutePath().normalize();
    }

    /** Writes the executable {@code extDir/name} that execs {@code command} (so the extension is that process). */
    static Path wrapper(Path extDir, String name, String command, List<String> args) {
        return Scripts.bash(extDir, name, "exec " + command + " "
                + args.stream().map(Tel::quote).collect(Collectors.joining(" ")) + "\n");
    }

    /** A runtime that prints {@code line of <request id>} in each invoke and answers {@code ok:<request id>}. */
    static Path lineRuntime(Path dir) {
        return Scripts.runtime(dir, "bootstrap", """
                while next; do
                  echo "line of $REQUEST_ID"
                  respond "ok:$REQUEST_ID" text/plain
                done
                """);
    }

    /**
     * {@code n} invokes of a {@link #lineRuntime}, one at a time, each once {@code name} has the report of the one
     * before (so each invoke's events go in a batch of their own); their request ids.
     */
    static List<String> invokeEachAfterItsReport(Daemon daemon, Path dir, String name, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            HttpResponse<String> answer = daemon.invoke("event-" + i);
            assertEquals(200, answer.statusCode(), answer::body);
            String id = answer.body().substring("ok:".length());
            ids.add(id);
            Received.awaitReport(daemon, dir, name, id);
        }
        return ids;
    }

    /** Bash single-quoting. */
    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static Path testClasses() {
        try {
            return Path.of(Listener.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
