package io.rapidjava.tests.failures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the runtime is started (posix_spawn): in a session of its own, stdin on /dev/null, in its working directory,
 * with none of the daemon's descriptors but its output pipe, and a start failure in Go's (Lambda's) words.
 */
@Timeout(60)
class LaunchTest {

    static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void theRuntimeGetsOnlyItsOwnSessionStdinAndOutput(@TempDir Path dir) throws Exception {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                read -r stat < /proc/$$/stat
                set -- ${stat##*) }
                info="sid=$4 pgid=$3 pid=$$"
                info="$info stdin=$(readlink /proc/$$/fd/0) out=$(readlink /proc/$$/fd/1) err=$(readlink /proc/$$/fd/2)"
                info="$info fds=$(ls /proc/$$/fd | sort -n | tr '\\n' ,) cwd=$(pwd)"
                put info "$info"
                while next; do
                  respond "ok" "text/plain"
                done
                """);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().command(bootstrap.toString()).workingDir(dir).start()) {
            assertEquals("ok", d.invoke("x").body(), d::describe);
            String info = Await.file(dir.resolve("info"), WAIT, d::describe);
            String pid = field(info, "pid");
            assertEquals(pid, field(info, "sid"), info);
            assertEquals(pid, field(info, "pgid"), info);
            assertEquals("/dev/null", field(info, "stdin"), info);
            assertTrue(field(info, "out").startsWith("pipe:"), info);
            assertEquals(field(info, "out"), field(info, "err"), "stdout and stderr share one pipe: " + info);
            // 0-2, bash's pipe for the command substitution that lists them, and bash's script (255)
            assertEquals("0,1,2,3,255,", field(info, "fds"), info);
            assertEquals(dir.toRealPath().toString(), field(info, "cwd"), info);
        }
    }

    @Test
    void aBootstrapWithoutInterpreterLineIsAnExecFormatError(@TempDir Path dir) throws Exception {
        Path bootstrap = Files.writeString(dir.resolve("bootstrap"), "echo started\nexit 0\n");
        Files.setPosixFilePermissions(bootstrap, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Daemon d = Daemon.builder().cleanLambdaEnv().command(bootstrap.toString()).start()) {
            HttpResponse<String> r = d.invoke("{}");
            assertEquals(Optional.of("Unhandled"), r.headers().firstValue("X-Amz-Function-Error"));
            assertEquals("Runtime.InvalidEntrypoint", Json.errorType(r.body()), () -> "body " + r.body());
            assertTrue(Json.errorMessage(r.body()).endsWith("Error: fork/exec " + bootstrap + ": exec format error"),
                    () -> "body " + r.body());
        }
    }

    private static String field(String info, String name) {
        for (String part : info.split(" ")) {
            if (part.startsWith(name + "=")) {
                return part.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + info);
    }
}
