package io.rapidjava.tests.extensions;

import static io.rapidjava.tests.extensions.Ext.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brief item 8: an internal extension registered from the runtime's own process (a name that is not a file of the
 * extensions dir) gets INVOKE events; registering after the runtime's first {@code next} is closed; internal
 * extensions cannot subscribe to SHUTDOWN and names are unique. With an (internal) extension registered, the runtime
 * gets SIGTERM on shutdown.
 */
@Timeout(90)
class InternalExtensionTest {

    @Test
    void internalExtensionFromTheRuntimeProcess(@TempDir Path dir) {
        Path ext = Ext.extDir(dir); // empty: every name is internal
        Path bootstrap = ExtScripts.runtimeWithExtensionApi(dir, "bootstrap", """
                # builtins only: the trap must finish within the 500 ms grace on a loaded machine (no date, no mv;
                # the file is read once every process is gone)
                trap 'printf "%s" "$(( ${EPOCHREALTIME/./} / 1000 ))" > "$HERE/runtime.term"; trap "" TERM' TERM
                ext_register internal-agent '{"events":["INVOKE"]}'
                ext_save int-register
                INTERNAL_ID="$EXT_ID"
                ext_register internal-agent '{"events":["INVOKE"]}'
                ext_save int-duplicate
                ext_register internal-shutdown '{"events":["INVOKE","SHUTDOWN"]}'
                ext_save int-shutdown
                EXT_ID="$INTERNAL_ID"
                (
                  trap - TERM
                  while ext_next; do
                    log_line internal-events.log "$EVENT"
                  done
                ) &
                first=1
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  if [ "$first" = 1 ]; then
                    first=0
                    ext_register late-agent '{"events":["INVOKE"]}'
                    ext_save int-late
                  fi
                  respond "ok:$REQUEST_ID" "text/plain"
                done
                """);
        try (Daemon d = Ext.daemon(ext).command(bootstrap.toString()).start()) {
            HttpResponse<String> r1 = d.invoke("one");
            Ext.assertSuccess(r1);
            HttpResponse<String> r2 = d.invoke("two");
            Ext.assertSuccess(r2);
            String id1 = Ext.idSeenFor(d, dir.resolve("ids.log"), "one");
            String id2 = Ext.idSeenFor(d, dir.resolve("ids.log"), "two");

            Ext.Saved reg = Ext.Saved.await(d, dir, "int-register");
            reg.assertStatus(200);
            Ext.assertUuid("internal extension identifier", reg.header("Lambda-Extension-Identifier"));
            JsonNode body = reg.json();
            assertEquals(Set.of("functionName", "functionVersion", "handler"), Json.fieldNames(body), reg::body);
            assertEquals("test_function", body.path("functionName").asText(), reg::body);

            Ext.Saved.await(d, dir, "int-duplicate").assertError(403, "Extension.InvalidExtensionState",
                    "Extension with this name already registered");
            Ext.Saved.await(d, dir, "int-shutdown").assertError(403, "Extension.InvalidEventType",
                    "SHUTDOWN: ShutdownEventNotSupportedForInternalExtension");
            Ext.Saved.await(d, dir, "int-late").assertError(403, "Extension.RegistrationClosed",
                    "Extension registration closed already");

            List<String> events = Await.lines(dir.resolve("internal-events.log"), 2, WAIT, d::describe);
            for (int i = 0; i < 2; i++) {
                JsonNode ev = Json.parse(events.get(i));
                String expected = i == 0 ? id1 : id2;
                assertEquals("INVOKE", ev.path("eventType").asText(), events.get(i));
                assertEquals(expected, ev.path("requestId").asText(), () -> "INVOKE events " + events);
                assertEquals(Ext.ARN, ev.path("invokedFunctionArn").asText(), events.get(i));
            }

            // registration is closed for anyone, also a caller outside the runtime
            Ext.assertErrorAnswer(Ext.extApi(d, "POST", "register", Map.of("Lambda-Extension-Name", "from-the-test"),
                    "{\"events\":[\"INVOKE\"]}"), 403, "Extension.RegistrationClosed",
                    "Extension registration closed already");

            List<Ext.Proc> sandbox = Ext.sandbox(d);
            long before = Ext.now();
            d.signal("TERM");
            assertEquals(0, d.awaitExit(Duration.ofSeconds(15)), d::describe);
            // an internal extension counts: the runtime is sent SIGTERM before it is killed
            long term = Long.parseLong(Await.file(dir.resolve("runtime.term"), Duration.ofSeconds(2),
                    () -> "the runtime never got SIGTERM\n" + d.describe()).trim());
            assertTrue(term >= before - 50, () -> "runtime.term " + term + " before SIGTERM " + before);
            Ext.assertAllGone(d, sandbox);
        }
    }
}
