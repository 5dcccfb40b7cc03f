package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.assertStatus;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Bad invoke requests get Lambda's 400 errors and never reach the runtime or break the next invoke. */
@Timeout(60)
class InvokeValidationTest {

    @TempDir
    Path dir;

    @Test
    void badInvocationTypeAndClientContextAre400() {
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  respond "ok" "text/plain"
                done
                """);
        try (Daemon d = Rt.daemon().command(bootstrap.toString()).start()) {
            HttpResponse<String> type = d.invoke("{}", Map.of("X-Amz-Invocation-Type", "Sometimes"));
            assertStatus(400, type);
            assertEquals("InvalidParameterValueException", Json.errorType(type.body()), type.body());
            assertEquals("InvalidParameterValueException", type.headers().firstValue("X-Amzn-ErrorType").orElse(""));

            HttpResponse<String> context = d.invoke("{}", Map.of("X-Amz-Client-Context", "%%% not base64 %%%"));
            assertStatus(400, context);
            Json.assertErrorBody(context.body(), "InvalidRequestContentException",
                    "Client context must be a valid Base64-encoded JSON object.");

            HttpResponse<String> fine = d.invoke("{}");
            assertSuccess(fine);
            assertEquals("ok", fine.body());
            d.awaitStdout(l -> l.startsWith("REPORT"), Rt.WAIT);
            assertEquals(1, Rt.count(d, l -> l.startsWith("START")), "only the valid invoke ran");
        }
    }
}
