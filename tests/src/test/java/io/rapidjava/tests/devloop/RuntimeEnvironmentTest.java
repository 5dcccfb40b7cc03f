package io.rapidjava.tests.devloop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The runtime's environment as Lambda sets it: the code and runtime directories, the time zone, locale and paths. */
@Timeout(60)
class RuntimeEnvironmentTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private static Map<String, String> environmentOf(Path dir, Daemon.Builder daemon) {
        Path bootstrap = Scripts.bash(dir, "bootstrap", "env -0 > \"$(dirname \"$0\")/env.tmp\" && mv \"$(dirname "
                + "\"$0\")/env.tmp\" \"$(dirname \"$0\")/env\"\nexec sleep 600\n");
        try (Daemon d = daemon.command(bootstrap.toString()).start()) {
            Await.until(() -> java.nio.file.Files.exists(dir.resolve("env")), WAIT, d::describe);
            Map<String, String> env = new HashMap<>();
            for (String entry : Await.read(dir.resolve("env")).split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            return env;
        }
    }

    @Test
    void lambdasDefaultsWhenTheDaemonSetsNone(@TempDir Path dir) {
        Map<String, String> env = environmentOf(dir, Daemon.builder().cleanLambdaEnv().unsetEnv("LAMBDA_TASK_ROOT")
                .unsetEnv("LAMBDA_RUNTIME_DIR").unsetEnv("TZ").unsetEnv("LANG").unsetEnv("LD_LIBRARY_PATH")
                .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE").env("AWS_SECRET_ACCESS_KEY", "secret")
                .env("AWS_SESSION_TOKEN", "token"));
        assertEquals("/var/task", env.get("LAMBDA_TASK_ROOT"));
        assertEquals("/var/runtime", env.get("LAMBDA_RUNTIME_DIR"));
        assertEquals(":UTC", env.get("TZ"));
        assertEquals("en_US.UTF-8", env.get("LANG"));
        assertEquals("/var/lang/lib:/lib64:/usr/lib64:/var/runtime:/var/runtime/lib:/var/task:/var/task/lib:/opt/lib",
                env.get("LD_LIBRARY_PATH"));
        assertEquals(System.getenv("PATH"), env.get("PATH"), "the daemon's own PATH, which it has");
        assertEquals("on-demand", env.get("AWS_LAMBDA_INITIALIZATION_TYPE"));
        assertEquals("AKIDEXAMPLE", env.get("AWS_ACCESS_KEY_ID"));
        assertEquals("secret", env.get("AWS_SECRET_ACCESS_KEY"));
        assertEquals("token", env.get("AWS_SESSION_TOKEN"));
    }

    @Test
    void theDaemonsOwnValuesAndAConfiguredTaskRoot(@TempDir Path dir) {
        Map<String, String> env = environmentOf(dir, Daemon.builder().cleanLambdaEnv().env("TZ", "Europe/Paris")
                .env("LANG", "C.UTF-8").env("LD_LIBRARY_PATH", "/custom/lib").env("LAMBDA_RUNTIME_DIR", "/rt")
                .unsetEnv("AWS_ACCESS_KEY_ID").flag("--task-root", "/srv/function"));
        assertEquals("/srv/function", env.get("LAMBDA_TASK_ROOT"));
        assertEquals("/rt", env.get("LAMBDA_RUNTIME_DIR"));
        assertEquals("Europe/Paris", env.get("TZ"));
        assertEquals("C.UTF-8", env.get("LANG"));
        assertEquals("/custom/lib", env.get("LD_LIBRARY_PATH"));
        assertFalse(env.containsKey("AWS_ACCESS_KEY_ID"), "credentials only when the daemon has them");
    }
}
