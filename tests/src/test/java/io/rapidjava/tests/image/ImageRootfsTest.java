package io.rapidjava.tests.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Pid1;
import io.rapidjava.tests.support.Proc;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assembled image run the way a container runtime runs it: its root filesystem (with what its base would give a
 * bash function) chrooted into, fresh PID and mount namespaces, {@code /usr/local/bin/aws-lambda-rie} as PID 1, the
 * function in /var/task. It answers an invoke, takes its JDK classes and its own from the AOT cache made for it
 * ({@code -XX:AOTMode=on} fails the start otherwise), and after SIGTERM exits 0 with nothing of it left.
 */
@Timeout(120)
class ImageRootfsTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    /** The Runtime API in bash alone, over its /dev/tcp: the root filesystem has no curl. */
    static final String FUNCTION = """
            #!/bin/bash
            export LC_ALL=C
            host="${AWS_LAMBDA_RUNTIME_API%:*}" port="${AWS_LAMBDA_RUNTIME_API##*:}"
            request() {  # METHOD PATH [BODY]: sets REQUEST_ID and BODY from the answer
              exec 3<>"/dev/tcp/$host/$port"
              printf '%s %s HTTP/1.1\\r\\nHost: %s\\r\\nContent-Length: %d\\r\\nConnection: close\\r\\n\\r\\n%s' \\
                "$1" "$2" "$host" "${#3}" "$3" >&3
              local line length=0
              REQUEST_ID=""
              IFS= read -r line <&3
              while IFS= read -r line <&3; do
                line="${line%$'\\r'}"
                [ -z "$line" ] && break
                case "${line,,}" in
                  lambda-runtime-aws-request-id:*) REQUEST_ID="${line#*: }" ;;
                  content-length:*) length="${line#*: }" ;;
                esac
              done
              BODY=""
              [ "$length" -eq 0 ] || IFS= read -r -N "$length" BODY <&3
              exec 3<&-
            }
            while true; do
              request GET /2018-06-01/runtime/invocation/next
              id="$REQUEST_ID" event="$BODY"
              request POST "/2018-06-01/runtime/invocation/$id/response" "{\\"cwd\\":\\"$PWD\\",\\"event\\":$event}"
            done
            """;

    @Test
    void theRootFilesystemRunsAFunctionAsPid1AndStopsCleanly(@TempDir Path dir) throws IOException {
        Path image = Image.assembled();
        Pid1.assumeAvailable();
        Path root = ContainerRoot.build(image, Files.createDirectory(dir.resolve("root")), FUNCTION);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().env("RAPID_JAVA_OPTS", "-XX:AOTMode=on").inContainer(root)
                .start()) {
            HttpResponse<String> answer = d.invoke("{\"name\":\"container\"}");
            assertEquals(200, answer.statusCode(), d::describe);
            assertEquals("{\"cwd\":\"/var/task\",\"event\":{\"name\":\"container\"}}", answer.body(), d::describe);
            List<ProcessHandle> sandbox = Stream.concat(Stream.of(d.process()), d.process().descendants()).toList();
            for (ProcessHandle p : sandbox) {
                assertEquals(root.toRealPath(), Files.readSymbolicLink(Path.of("/proc/" + p.pid() + "/root")),
                        () -> p + " runs in the image's root\n" + d.describe());
            }

            d.signal("TERM");
            assertEquals(0, d.awaitExit(Duration.ofSeconds(15)), d::describe);
            for (ProcessHandle p : sandbox) {
                Await.until(() -> Proc.gone(p), WAIT, () -> p + " outlived the container\n" + d.describe());
            }
            assertEquals(List.of(), inRoot(root.toRealPath()), d::describe);
            assertTrue(d.stderr().stream().noneMatch(l -> l.contains("[warning]") || l.contains("[error]")),
                    () -> "the JVM said nothing\n" + d.describe());
        }
    }

    /** Processes of this machine whose root directory is {@code root}. */
    private static List<Long> inRoot(Path root) throws IOException {
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readSymbolicLink(p.resolve("root")).equals(root);
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .map(p -> Long.parseLong(p.getFileName().toString())).toList();
        }
    }
}
