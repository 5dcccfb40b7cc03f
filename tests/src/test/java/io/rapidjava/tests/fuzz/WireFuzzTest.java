package io.rapidjava.tests.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded, seeded wire fuzzer: mutated requests to the invoke front-end (InvokeWithResponseStream too), the
 * Runtime API (as a rogue process would send them), the Extensions API, the Telemetry and Logs APIs and the function's URL, over raw sockets, against one daemon with a bash echo runtime. A
 * client's mistake must never earn a 5xx or a malformed answer, a normal invoke must keep working throughout, and
 * the daemon must neither die nor print a stack trace. See {@link FuzzSettings} for replaying a failure.
 */
@Timeout(240)
class WireFuzzTest {

    /** Echoes each event back; reads the request id with bash builtins so an invoke costs only two curls. */
    private static final String ECHO_RUNTIME = """
            set -u
            api="http://${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation"
            here="$(cd "$(dirname "$0")" && pwd)"
            while curl -sS -D "$here/headers" -o "$here/event" "$api/next"; do
              id=""
              while IFS=: read -r name value; do
                if [[ "${name,,}" == lambda-runtime-aws-request-id ]]; then id="${value//[$' \\r']/}"; fi
              done < "$here/headers"
              curl -sS -o /dev/null -X POST -H 'Content-Type: application/json' --data-binary "@$here/event" \\
                "$api/$id/response"
            done
            """;

    @Test
    void mutatedRequestsNeverBreakTheDaemon(@TempDir Path dir) throws InterruptedException {
        FuzzSettings settings = FuzzSettings.fromSystemProperties();
        System.out.println("wire fuzz: seed " + settings.seed() + " (-Dfuzz.seed=" + settings.seed() + " replays it)");
        Findings findings = new Findings(settings.seed());
        Path bootstrap = Scripts.bash(dir, "bootstrap", ECHO_RUNTIME);
        try (Daemon d = Daemon.builder().cleanLambdaEnv().flag("--function-url-address", "127.0.0.1:0").command(bootstrap.toString()).start()) {
            HealthCheck.invoke(d, "before", Duration.ofSeconds(30)).ifPresent(problem -> {
                throw new AssertionError("no normal invoke before fuzzing: " + problem + "\n" + d.describe());
            });
            StderrWatch stderr = new StderrWatch(d);
            for (Api api : settings.apis()) {
                System.out.println(new Campaign(d, api, settings, findings, stderr).run());
            }
            HealthCheck.invoke(d, "after", settings.healthDeadline())
                    .ifPresent(problem -> findings.add("final health check", problem));
            stderr.check(findings, "all", "the last cases", null);
            System.out.println(findings.report());
            assertTrue(findings.isEmpty(), () -> findings.report() + "\n" + d.describe());
        }
    }
}
