package io.rapidjava.tests.runtimeapi;

import static io.rapidjava.tests.runtimeapi.Rt.WAIT;
import static io.rapidjava.tests.runtimeapi.Rt.assertSuccess;
import static io.rapidjava.tests.runtimeapi.Rt.assertUnhandled;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract items 3 and 12: {@code POST /runtime/invocation/{id}/error} is answered 202 {"status":"OK"} and the
 * invoker gets 200 + {@code X-Amz-Function-Error: Unhandled} + the error body verbatim, also for an error type that
 * the sanitiser rewrites ({@code MyCustomError}).
 */
@Timeout(60)
class FunctionErrorTest {

    static final String ERROR_BODY = "{\"errorMessage\":\"boom\",\"errorType\":\"MyError\",\"stackTrace\":[]}";

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        // event "TYPE|TAG" → error of type TYPE; runtime's answer saved as TAG.body / TAG.status
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  case "$EVENT" in
                    ok) respond '"fine"' ;;
                    *)
                      type="${EVENT%%|*}"
                      tag="${EVENT#*|}"
                      fail "$type" '@ERROR_BODY@'
                      save_last "$tag"
                      ;;
                  esac
                done
                """.replace("@ERROR_BODY@", ERROR_BODY));
        daemon = Rt.daemon().command(bootstrap.toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private void assertErrorDelivered(String errorType) {
        String tag = "t" + UUID.randomUUID();
        HttpResponse<String> r = daemon.invoke(errorType + "|" + tag);
        assertUnhandled(r);
        assertEquals(ERROR_BODY, r.body());
        assertEquals("202", Await.file(dir.resolve(tag + ".status"), WAIT, daemon::describe), "runtime's status");
        assertEquals(Json.STATUS_OK, Await.read(dir.resolve(tag + ".body")), "runtime's body");
        Rt.assertSavedJsonContentType(dir, tag);
        // the runtime is healthy afterwards
        HttpResponse<String> ok = daemon.invoke("ok");
        assertSuccess(ok);
        assertEquals("\"fine\"", ok.body());
    }

    @Test
    void functionErrorIsAcceptedAndForwardedVerbatim() {
        assertErrorDelivered("Function.MyError");
    }

    @Test
    void unsanitisedErrorTypeIsStillDeliveredVerbatim() {
        assertErrorDelivered("MyCustomError");
    }
}
