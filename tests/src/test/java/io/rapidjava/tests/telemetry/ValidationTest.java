package io.rapidjava.tests.telemetry;

import static io.rapidjava.tests.telemetry.Tel.WAIT;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every refusal of the subscription APIs, sent by the test with the identifier of a registered bash extension
 * ({@code holding-extension}) that holds init open until the test is done; then valid subscriptions, each replacing
 * the one before (the last, over TCP to the test, gets the events), and after init every subscription refused.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ValidationTest {

    static final String NAME = "holder";
    static final String TELEMETRY = "/2022-07-01/telemetry";
    static final String LOGS = "/2020-08-15/logs";
    static final int MIB = 1 << 20;

    @TempDir
    static Path dir;
    static Daemon daemon;
    static String id;
    static int closedPort;
    static ServerSocket tcpSubscriber;

    /** A refused subscription: where to, with which identifier, what body, and the answer it must get. */
    record Refusal(String what, String path, Function<String, Map<String, String>> headers, String body, int status,
                   String errorType, String field) {
    }

    @BeforeAll
    static void start() throws IOException {
        Path ext = Tel.extDir(dir);
        Scripts.bash(ext, NAME, "exec bash " + Tel.quote(Tel.resource("holding-extension").toString()) + " "
                + Tel.quote(NAME) + " " + Tel.quote(dir.toAbsolutePath().toString()) + "\n");
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                while next; do
                  respond "ok:$REQUEST_ID" text/plain
                done
                """);
        daemon = Tel.daemon(ext).command(bootstrap.toString()).start();
        id = Await.file(dir.resolve(NAME + ".id"), WAIT, daemon::describe).trim();
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        tcpSubscriber = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void stop() throws IOException {
        if (daemon != null) {
            daemon.close();
        }
        if (tcpSubscriber != null) {
            tcpSubscriber.close();
        }
    }

    static String body(String schema, String destination, String types, String buffering) {
        StringBuilder sb = new StringBuilder("{");
        if (schema != null) {
            sb.append("\"schemaVersion\":\"").append(schema).append("\",");
        }
        if (destination != null) {
            sb.append("\"destination\":").append(destination).append(',');
        }
        if (types != null) {
            sb.append("\"types\":").append(types).append(',');
        }
        if (buffering != null) {
            sb.append("\"buffering\":").append(buffering).append(',');
        }
        return sb.substring(0, sb.length() - 1) + "}";
    }

    static String http(String host) {
        return "{\"protocol\":\"HTTP\",\"URI\":\"http://" + host + ":" + closedPort + "/\"}";
    }

    static String valid(String schema) {
        return body(schema, http("sandbox.localdomain"), "[\"platform\"]", null);
    }

    static String telemetry(String destination, String types, String buffering) {
        return body("2022-12-13", destination, types, buffering);
    }

    static Map<String, String> own(String id) {
        return Map.of("Lambda-Extension-Identifier", id, "Content-Type", "application/json");
    }

    static HttpResponse<String> put(String path, Map<String, String> headers, String body) {
        return daemon.runtimeApiRequest("PUT", path, headers, body);
    }

    static Refusal invalid(String what, String path, String body, String field) {
        return new Refusal(what, path, ValidationTest::own, body, 400, "ValidationError", field);
    }

    static Refusal invalidTelemetry(String what, String body, String field) {
        return invalid(what, TELEMETRY, body, field);
    }

    static List<Refusal> refusals() {
        String unknown = UUID.randomUUID().toString();
        String tcp = "{\"protocol\":\"TCP\",\"port\":%s}";
        String types = "[\"platform\",\"function\"]";
        return List.of(
                new Refusal("telemetry without an identifier", TELEMETRY, x -> Map.of(), valid("2022-12-13"), 403,
                        "Extension.MissingExtensionIdentifier", null),
                new Refusal("logs without an identifier", LOGS, x -> Map.of(), valid("2021-03-18"), 403,
                        "Extension.MissingExtensionIdentifier", null),
                new Refusal("telemetry with an unknown identifier", TELEMETRY, x -> own(unknown), valid("2022-12-13"),
                        403, "Extension.UnknownExtensionIdentifier", null),
                new Refusal("logs with an unknown identifier", LOGS, x -> own(unknown), valid("2021-03-18"), 403,
                        "Extension.UnknownExtensionIdentifier", null),
                new Refusal("telemetry body over 1 MiB", TELEMETRY, ValidationTest::own,
                        valid("2022-12-13") + " ".repeat(MIB), 413, null, null),
                new Refusal("logs body over 1 MiB", LOGS, ValidationTest::own, valid("2021-03-18") + " ".repeat(MIB),
                        413, null, null),
                invalidTelemetry("not JSON", "{\"schemaVersion\":", null),
                invalidTelemetry("not an object", "[]", null),
                invalidTelemetry("no schemaVersion", body(null, http("sandbox"), types, null), "schemaVersion"),
                invalidTelemetry("an unknown schemaVersion", valid("2099-01-01"), "schemaVersion"),
                invalidTelemetry("a Logs API schemaVersion", valid("2021-03-18"), "schemaVersion"),
                invalid("a Telemetry API schemaVersion for logs", LOGS, valid("2022-12-13"), "schemaVersion"),
                invalidTelemetry("no destination", telemetry(null, types, null), "destination"),
                invalidTelemetry("no protocol", telemetry("{\"URI\":\"http://sandbox:1234\"}", types, null),
                        "destination.protocol"),
                invalidTelemetry("protocol HTTPS", telemetry("{\"protocol\":\"HTTPS\",\"URI\":\"http://sandbox:1234\"}",
                        types, null), "destination.protocol"),
                invalidTelemetry("HTTP without a URI", telemetry("{\"protocol\":\"HTTP\"}", types, null),
                        "destination.URI"),
                invalidTelemetry("a URI that is not one", telemetry("{\"protocol\":\"HTTP\",\"URI\":\"::nope\"}", types,
                        null), "destination.URI"),
                invalidTelemetry("a host elsewhere", telemetry(http("example.com"), types, null), "destination.URI"),
                invalidTelemetry("an address elsewhere", telemetry(http("10.1.2.3"), types, null), "destination.URI"),
                invalid("a host elsewhere for logs", LOGS, body("2021-03-18", http("example.com"), types, null),
                        "destination.URI"),
                invalidTelemetry("TCP without a port", telemetry("{\"protocol\":\"TCP\"}", types, null),
                        "destination.port"),
                invalidTelemetry("TCP port 0", telemetry(tcp.formatted(0), types, null), "destination.port"),
                invalidTelemetry("TCP port 65536", telemetry(tcp.formatted(65536), types, null), "destination.port"),
                invalidTelemetry("a TCP port nobody listens on", telemetry(tcp.formatted(closedPort), types, null),
                        "destination"),
                invalidTelemetry("no types", telemetry(http("sandbox"), null, null), "types"),
                invalidTelemetry("empty types", telemetry(http("sandbox"), "[]", null), "types"),
                invalidTelemetry("an unknown type", telemetry(http("sandbox"), "[\"platform\",\"logs\"]", null),
                        "types"),
                invalidTelemetry("maxItems 999", telemetry(http("sandbox"), types, "{\"maxItems\":999}"),
                        "buffering.maxItems"),
                invalidTelemetry("maxItems 10001", telemetry(http("sandbox"), types, "{\"maxItems\":10001}"),
                        "buffering.maxItems"),
                invalidTelemetry("maxBytes 262143", telemetry(http("sandbox"), types, "{\"maxBytes\":262143}"),
                        "buffering.maxBytes"),
                invalidTelemetry("maxBytes 1048577", telemetry(http("sandbox"), types, "{\"maxBytes\":1048577}"),
                        "buffering.maxBytes"),
                invalidTelemetry("timeoutMs 24", telemetry(http("sandbox"), types, "{\"timeoutMs\":24}"),
                        "buffering.timeoutMs"),
                invalidTelemetry("timeoutMs 30001", telemetry(http("sandbox"), types, "{\"timeoutMs\":30001}"),
                        "buffering.timeoutMs"),
                invalid("maxItems 999 for logs", LOGS, body("2021-03-18", http("sandbox"), types,
                        "{\"maxItems\":999}"), "buffering.maxItems"),
                invalid("timeoutMs 30001 for logs", LOGS, body("2020-08-15", http("sandbox"), types,
                        "{\"timeoutMs\":30001}"), "buffering.timeoutMs"));
    }

    static void assertRefused(Refusal c, HttpResponse<String> r) {
        assertEquals(c.status(), r.statusCode(), () -> c.what() + ": status; body <" + r.body() + ">");
        if (c.errorType() != null) {
            assertEquals(c.errorType(), Json.errorType(r.body()), () -> c.what() + ": errorType of " + r.body());
        }
        if (c.field() != null) {
            assertTrue(Json.errorMessage(r.body()).contains(c.field()),
                    () -> c.what() + ": the errorMessage names " + c.field() + ": " + r.body());
        }
    }

    @Test
    @Order(1)
    void everyInvalidSubscriptionIsRefusedWithItsReason() {
        Map<String, HttpResponse<String>> answers = new HashMap<>();
        List<Refusal> cases = refusals();
        for (Refusal c : cases) {
            answers.put(c.what(), put(c.path(), c.headers().apply(id), c.body()));
        }
        assertAll(cases.stream().map(c -> (Executable) () -> assertRefused(c, answers.get(c.what()))));
    }

    @Test
    @Order(2)
    void validSubscriptionsAreAcceptedEachReplacingTheOneBefore() throws Exception {
        for (String host : List.of("sandbox.localdomain", "sandbox", "localhost", "127.0.0.1")) {
            HttpResponse<String> r = put(TELEMETRY, own(id), telemetry(http(host), "[\"platform\"]", null));
            assertEquals(200, r.statusCode(), () -> host + ": " + r.body());
            assertEquals("\"OK\"", r.body().strip(), host);
        }
        HttpResponse<String> r = put(TELEMETRY, own(id), telemetry(
                "{\"protocol\":\"TCP\",\"port\":" + tcpSubscriber.getLocalPort() + "}", "[\"platform\"]",
                "{\"timeoutMs\":25}"));
        assertEquals(200, r.statusCode(), r::body);
        assertEquals("\"OK\"", r.body().strip());
        tcpSubscriber.setSoTimeout((int) WAIT.toMillis());
        Socket connection = tcpSubscriber.accept();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread.ofVirtual().start(() -> readLines(connection, lines));

        release();
        String requestId = daemon.invoke("after-init").body().substring("ok:".length());
        Await.until(() -> lines.stream().anyMatch(l -> l.contains("\"platform.start\"") && l.contains(requestId)),
                WAIT, () -> "the TCP subscription (the last) got no platform.start of " + requestId + ": " + lines);
    }

    /** Lets the holding extension end its init. */
    static void release() throws IOException {
        Files.writeString(dir.resolve(NAME + ".release"), "");
    }

    static void readLines(Socket connection, List<String> lines) {
        try (connection; BufferedReader in = new BufferedReader(
                new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the daemon went away
        }
    }

    @Test
    @Order(3)
    void afterInitEverySubscriptionIsRefused() throws IOException {
        release();
        daemon.invoke("init-done");
        HttpResponse<String> telemetry = put(TELEMETRY, own(id), valid("2022-12-13"));
        assertEquals(403, telemetry.statusCode(), telemetry::body);
        assertEquals("Telemetry.SubscriptionClosed", Json.errorType(telemetry.body()), telemetry::body);
        HttpResponse<String> logs = put(LOGS, own(id), valid("2021-03-18"));
        assertEquals(403, logs.statusCode(), logs::body);
        assertEquals("Logs.SubscriptionClosed", Json.errorType(logs.body()), logs::body);
    }
}
