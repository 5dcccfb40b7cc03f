package io.rapidjava.tests.extensions;

import static io.rapidjava.tests.extensions.Ext.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Brief item 9: every bad Extensions API request gets its exact status, errorType and errorMessage (never a 500),
 * and the sandbox keeps serving invokes afterwards. The requests that need the extension's own state (still
 * Registered) are made by the extension {@code prober} itself during init; the others by the test.
 */
@Timeout(90)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionApiErrorsTest {

    static final String NAME = "prober";
    static final String ERROR_TYPE_HEADER = "Lambda-Extension-Function-Error-Type";
    static final String ID_HEADER = "Lambda-Extension-Identifier";

    @TempDir
    static Path dir;
    static Daemon daemon;
    static String proberId;

    @BeforeAll
    static void start() {
        Path ext = Ext.extDir(dir);
        ExtScripts.extension(ext, NAME, dir, """
                J='Content-Type: application/json'
                ext_call POST register -H "$J" --data-binary '{"events":["INVOKE"]}'
                ext_save p-no-name
                ext_call POST register -H 'Lambda-Extension-Name;' -H "$J" --data-binary '{"events":["INVOKE"]}'
                ext_save p-empty-name
                ext_call POST register -H "Lambda-Extension-Name: $EXT_NAME" -H "$J" --data-binary '{"events":["INVOKE"'
                ext_save p-malformed
                ext_call POST register -H "Lambda-Extension-Name: $EXT_NAME" -H "$J" \\
                  --data-binary '{"events":["INVOKE","FOO"]}'
                ext_save p-unknown-event
                ext_register "$EXT_NAME" '{"events":["INVOKE","SHUTDOWN"]}'
                ext_save p-register
                [ "$EXT_STATUS" = 200 ] || exit 1
                put prober.id "$EXT_ID"
                ext_register "$EXT_NAME" '{"events":["INVOKE"]}'
                ext_save p-duplicate
                ext_call POST init/error -H "Lambda-Extension-Identifier: $EXT_ID" -H "$J" --data-binary '{}'
                ext_save p-init-error-no-type
                ext_call POST exit/error -H "Lambda-Extension-Identifier: $EXT_ID" -H "$J" --data-binary '{}'
                ext_save p-exit-error-no-type
                """ + ExtScripts.RECORDING_LOOP);
        daemon = Ext.daemon(ext).command(ExtScripts.echoRuntime(dir).toString()).start();
        invokeOk("first");
        proberId = Await.file(dir.resolve("prober.id"), WAIT, daemon::describe).trim();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    /**
     * An invoke that must succeed and settle (REPORT printed: the prober is parked in event/next again, state
     * Ready); the prober got its INVOKE event. Returns the request id.
     */
    private static String invokeOk(String event) {
        String id = Ext.invokeAndSettle(daemon, dir, event);
        Recorded.awaitInvoke(daemon, dir, NAME, id);
        return id;
    }

    private static Ext.Saved saved(String tag) {
        return Ext.Saved.await(daemon, dir, tag);
    }

    private static HttpResponse<String> call(String method, String path, Map<String, String> headers, String body) {
        HttpResponse<String> r = Ext.extApi(daemon, method, path, headers, body);
        assertNotEquals(500, r.statusCode(), () -> "500 for " + method + " " + path + ": " + r.body());
        return r;
    }

    private static Map<String, String> headers(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    @Order(1)
    void registerErrorsDuringInit() {
        saved("p-no-name").assertError(403, "Extension.InvalidExtensionName", "Empty extension name");
        saved("p-empty-name").assertError(403, "Extension.InvalidExtensionName", "Empty extension name");

        Ext.Saved malformed = saved("p-malformed");
        malformed.assertStatus(403);
        assertEquals("InvalidRequestFormat", Json.errorType(malformed.body()), malformed::body);
        assertFalse(Json.errorMessage(malformed.body()).isBlank(), "the parser's message");
        assertTrue(malformed.body().endsWith("}\n"), () -> "JSON + newline: <" + malformed.body() + ">");

        saved("p-unknown-event").assertError(403, "Extension.InvalidEventType", "FOO: ErrorInvalidEventType");

        // the rejected requests changed nothing: the real registration works
        Ext.Saved reg = saved("p-register");
        reg.assertStatus(200);
        Ext.assertUuid("identifier", reg.header(ID_HEADER));

        saved("p-duplicate").assertError(403, "Extension.InvalidExtensionState", "State transition from Registered"
                + " to Registered failed for extension prober. Error: State transition is not allowed");
    }

    @Test
    @Order(2)
    void errorReportsWithoutTheErrorTypeHeaderAreRejectedWithoutEffect() {
        saved("p-init-error-no-type").assertError(403, "Extension.MissingHeader",
                "Lambda-Extension-Function-Error-Type not found");
        saved("p-exit-error-no-type").assertError(403, "Extension.MissingHeader",
                "Lambda-Extension-Function-Error-Type not found");
        // init succeeded although the prober asked for init/error and exit/error without a type: see start()
    }

    @Test
    @Order(3)
    void identifierErrorsOnEveryIdRoute() {
        String unknown = UUID.randomUUID().toString();
        for (String[] route : new String[][] {{"GET", "event/next"}, {"POST", "init/error"}, {"POST", "exit/error"}}) {
            String method = route[0];
            String path = route[1];
            String body = method.equals("GET") ? null : "{}";
            Ext.assertErrorAnswer(call(method, path, headers(ERROR_TYPE_HEADER, "Extension.Test"), body),
                    403, "Extension.MissingExtensionIdentifier", "Missing Lambda-Extension-Identifier header");
            Ext.assertErrorAnswer(call(method, path, headers(ID_HEADER, "not-a-uuid", ERROR_TYPE_HEADER,
                    "Extension.Test"), body), 403, "Extension.InvalidExtensionIdentifier",
                    "Invalid Lambda-Extension-Identifier");
            Ext.assertErrorAnswer(call(method, path, headers(ID_HEADER, unknown, ERROR_TYPE_HEADER, "Extension.Test"),
                    body), 403, "Extension.UnknownExtensionIdentifier", method.equals("GET")
                    ? "Unknown extension " + unknown : "Unknown Lambda-Extension-Identifier");
        }
        invokeOk("after-identifier-errors");
    }

    @Test
    @Order(4)
    void secondEventNextWhileParkedIsAnIllegalTransition() {
        Ext.assertErrorAnswer(call("GET", "event/next", headers(ID_HEADER, proberId), null), 403,
                "Extension.InvalidExtensionState",
                // calls that carry an identifier are named by it, as in Lambda's rapid (spec §1.6)
                "State transition from Ready to Ready failed for extension " + proberId
                        + ". Error: State transition is not allowed");
        invokeOk("after-second-next");
    }

    @Test
    @Order(5)
    void initErrorAfterInitIsAnIllegalTransition() {
        HttpResponse<String> r = call("POST", "init/error", headers(ID_HEADER, proberId, ERROR_TYPE_HEADER,
                "Extension.Late"), "{}");
        Ext.assertErrorAnswer(r, 403, "Extension.InvalidExtensionState", "State transition from Ready to InitError"
                + " failed for extension " + proberId + ". Error: State transition is not allowed");
        invokeOk("after-late-init-error");
    }

    @Test
    @Order(6)
    void exitErrorWithoutTypeOfAParkedExtensionIsRejected() {
        Ext.assertErrorAnswer(call("POST", "exit/error", headers(ID_HEADER, proberId), "{}"), 403,
                "Extension.MissingHeader", "Lambda-Extension-Function-Error-Type not found");
        invokeOk("after-exit-error-without-type");
    }

    @Test
    @Order(7)
    void registerErrorsAfterInit() {
        Map<String, String> json = headers("Content-Type", "application/json");
        Ext.assertErrorAnswer(call("POST", "register", json, "{\"events\":[\"INVOKE\"]}"), 403,
                "Extension.InvalidExtensionName", "Empty extension name");

        HttpResponse<String> malformed = call("POST", "register", headers("Lambda-Extension-Name", NAME), "not json");
        Ext.assertStatus(403, malformed);
        assertEquals("InvalidRequestFormat", Json.errorType(malformed.body()), malformed::body);

        Ext.assertErrorAnswer(call("POST", "register", headers("Lambda-Extension-Name", NAME),
                "{\"events\":[\"FOO\"]}"), 403, "Extension.InvalidEventType", "FOO: ErrorInvalidEventType");

        HttpResponse<String> again = call("POST", "register", headers("Lambda-Extension-Name", NAME),
                "{\"events\":[\"INVOKE\"]}");
        Ext.assertStatus(403, again);
        assertEquals("Extension.InvalidExtensionState", Json.errorType(again.body()), again::body);
        String msg = Json.errorMessage(again.body());
        assertTrue(msg.matches("State transition from \\w+ to Registered failed for extension prober\\."
                + " Error: State transition is not allowed"), () -> "errorMessage " + msg);

        invokeOk("after-register-errors");
        invokeOk("and-again");
    }
}
