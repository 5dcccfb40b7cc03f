package io.rapidjava.tests.ric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.ric.handlers.CracHandler;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * AWS's Java RIC 2.6.0, unmodified, as a SnapStart runtime: {@link CracHandler} registers an {@code org.crac}
 * Resource. The RIC runs its beforeCheckpoint hook before {@code restore/next} (the snapshot point) and its
 * afterRestore hook once restored, then takes invokes. As in Lambda's Java runtimes, {@code org.crac} is pointed at
 * the RIC's own CRaC context with {@code -Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac}.
 */
@Timeout(120)
class RicSnapStartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String COMPAT = "-Dorg.crac.Core.Compat=com.amazonaws.services.lambda.crac";

    private static Daemon start(Path dir, UnaryOperator<Daemon.Builder> configure) {
        Path script = RicRuntime.bootstrap(dir, COMPAT);
        return configure.apply(Daemon.builder().cleanLambdaEnv().flag("--snapstart")
                .command(script.toString(), RicRuntime.handler(CracHandler.class)).workingDir(dir)).start();
    }

    @Test
    void theHooksRunAroundTheSnapshotPointInOrderThenInvokesSucceed(@TempDir Path dir) {
        try (Daemon d = start(dir, b -> b)) {
            d.awaitStdout(l -> l.startsWith("INIT_REPORT") && l.endsWith("Status: success"), WAIT);
            d.awaitStdout(l -> l.endsWith("crac handler: beforeCheckpoint"), WAIT);
            assertTrue(d.stdout().stream().noneMatch(l -> l.endsWith("crac handler: afterRestore")),
                    "nothing is restored before an invoke");

            HttpResponse<String> first = d.invoke("{}");
            assertEquals(200, first.statusCode(), () -> first.body() + "\n" + d.describe());
            assertEquals(List.of("beforeCheckpoint", "afterRestore", "invoke"), notes(first));
            HttpResponse<String> second = d.invoke("{}");
            assertEquals(200, second.statusCode(), second::body);
            assertEquals(List.of("beforeCheckpoint", "afterRestore", "invoke", "invoke"), notes(second));

            List<String> out = d.stdout();
            assertTrue(indexOf(out, "RESTORE_START") < indexOf(out, "RESTORE_REPORT")
                    && indexOf(out, "RESTORE_REPORT") < indexOf(out, "START RequestId"), String.join("\n", out));
            assertTrue(d.awaitStdout(l -> l.startsWith("REPORT"), WAIT).contains("\tRestore Duration: "));
        }
    }

    @Test
    void anAfterRestoreHookThatThrowsFailsTheInvokeWithSnapStartException(@TempDir Path dir) {
        try (Daemon d = start(dir, b -> b.env("CRAC_FAIL_AFTER_RESTORE", "1"))) {
            HttpResponse<String> r = d.invoke("{}");
            assertEquals(400, r.statusCode(), () -> r.body() + "\n" + d.describe());
            assertEquals(Optional.of("SnapStartException"), r.headers().firstValue("X-Amzn-ErrorType"));
            assertTrue(Json.errorMessage(r.body()).contains("Runtime.AfterRestoreError"), r.body());
            String report = d.awaitStdout(l -> l.startsWith("RESTORE_REPORT"), WAIT);
            assertTrue(report.endsWith("\tStatus: error\tError Type: Runtime.AfterRestoreError"), report);
        }
    }

    private static List<String> notes(HttpResponse<String> r) {
        List<String> notes = new java.util.ArrayList<>();
        Json.parse(r.body()).forEach(n -> notes.add(n.asText()));
        return notes;
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
