package io.rapidjava.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.telemetry.Destination.Protocol;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Subscription bodies as AWS documents them: what is accepted, what each field defaults to, what is refused. */
class SubscriptionRequestsTest {

    static final String HTTP = "'destination':{'protocol':'HTTP','URI':'http://sandbox.localdomain:8080'}";
    static final String ALL = "'types':['platform','function','extension']";

    @Test
    void theDocumentedExample() {
        assertEquals(new Subscription(Api.TELEMETRY, "2025-01-29",
                        new Destination(Protocol.HTTP, "http://sandbox.localdomain:8080", 8080, "/"),
                        Set.of(Category.PLATFORM, Category.FUNCTION, Category.EXTENSION),
                        new Buffering(1000, 262_144, 100)),
                parse(Api.TELEMETRY, "{'schemaVersion':'2025-01-29'," + ALL
                        + ",'buffering':{'maxItems':1000,'maxBytes':262144,'timeoutMs':100}," + HTTP + "}"));
    }

    @ParameterizedTest
    @CsvSource({"TELEMETRY,2022-07-01", "TELEMETRY,2022-12-13", "TELEMETRY,2025-01-29",
            "LOGS,2020-08-15", "LOGS,2021-03-18"})
    void everySchemaVersionOfTheApi(Api api, String version) {
        assertEquals(version, parse(api, "{'schemaVersion':'" + version + "'," + ALL + "," + HTTP + "}")
                .schemaVersion());
    }

    @Test
    void schemaVersionIsRequiredByTheTelemetryApiOnly() {
        refused("schemaVersion: is required", Api.TELEMETRY, "{" + ALL + "," + HTTP + "}");
        assertEquals("2020-08-15", parse(Api.LOGS, "{" + ALL + "," + HTTP + "}").schemaVersion());
    }

    @Test
    void aSchemaVersionOfTheOtherApiIsRefused() {
        refused("schemaVersion: must be one of 2022-07-01, 2022-12-13, 2025-01-29", Api.TELEMETRY,
                "{'schemaVersion':'2021-03-18'," + ALL + "," + HTTP + "}");
        refused("schemaVersion: must be one of 2020-08-15, 2021-03-18", Api.LOGS,
                "{'schemaVersion':'2025-01-29'," + ALL + "," + HTTP + "}");
        refused("schemaVersion: must be one of 2022-07-01, 2022-12-13, 2025-01-29", Api.TELEMETRY,
                "{'schemaVersion':20221213," + ALL + "," + HTTP + "}");
    }

    @Test
    void bufferingDefaultsPerApi() {
        assertEquals(new Buffering(1000, 262_144, 1000),
                parse(Api.TELEMETRY, "{'schemaVersion':'2022-12-13'," + ALL + "," + HTTP + "}").buffering());
        assertEquals(new Buffering(10_000, 262_144, 1000),
                parse(Api.LOGS, "{'schemaVersion':'2021-03-18'," + ALL + "," + HTTP + "}").buffering());
        assertEquals(new Buffering(1000, 1_048_576, 1000), buffering(Api.TELEMETRY, "{'maxBytes':1048576}"));
        assertEquals(new Buffering(10_000, 262_144, 25), buffering(Api.LOGS, "{'timeoutMs':25}"));
        assertEquals(new Buffering(10_000, 262_144, 1000), buffering(Api.TELEMETRY, "{'maxItems':10000}"));
    }

    @ParameterizedTest
    @CsvSource({"maxItems,1000,10000", "maxBytes,262144,1048576", "timeoutMs,25,30000"})
    void bufferingLimits(String field, long min, long max) {
        String message = "buffering." + field + ": must be between " + min + " and " + max;
        buffering(Api.TELEMETRY, "{'" + field + "':" + min + "}");
        buffering(Api.TELEMETRY, "{'" + field + "':" + max + "}");
        refused(message, "{'" + field + "':" + (min - 1) + "}");
        refused(message, "{'" + field + "':" + (max + 1) + "}");
        refused(message, "{'" + field + "':-1}");
        refused(message, "{'" + field + "':123456789012345678901234567890}");
        refused("buffering." + field + ": must be an integer", "{'" + field + "':1000.5}");
        refused("buffering." + field + ": must be an integer", "{'" + field + "':'1000'}");
        refused("buffering." + field + ": must be an integer", "{'" + field + "':null}");
    }

    @Test
    void bufferingMustBeAnObject() {
        refused("buffering: must be an object", "[1000]");
        refused("buffering: must be an object", "null");
    }

    @Test
    void anHttpDestinationOnTheSandboxKeepsItsPortPathAndQuery() {
        assertEquals(new Destination(Protocol.HTTP, "http://sandbox.localdomain:1234/path?q=1", 1234, "/path?q=1"),
                http("http://sandbox.localdomain:1234/path?q=1"));
        assertEquals(new Destination(Protocol.HTTP, "http://[::1]:9", 9, "/"), http("http://[::1]:9"));
        assertEquals(new Destination(Protocol.HTTP, "http://127.1.2.3:9", 9, "/"), http("http://127.1.2.3:9"));
        assertEquals(new Destination(Protocol.HTTP, "http://sandbox:8080/", 8080, "/"), http("http://sandbox:8080/"));
        assertEquals(new Destination(Protocol.HTTP, "http://localhost:65535/a%20b?x=%2F&y", 65_535,
                "/a%20b?x=%2F&y"), http("http://localhost:65535/a%20b?x=%2F&y"));
        assertEquals(9, http("HTTP://Sandbox.LocalDomain:9").port());
        assertEquals(9, http("http://127.0.0.1:9").port());
        assertEquals(9, http("http://[0:0:0:0:0:0:0:1]:9").port());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com:8080", "http://10.0.0.1:9", "http://128.0.0.1:9",
            "http://0.0.0.0:9", "http://[::2]:9", "http://[2001:db8::1]:9", "http://127.0.0.1.example.com:9",
            "http://sandbox.localdomain.example.com:9", "http://2130706433:9", "http://sandbox-1:9",
            "http://[::]:9"})
    void aSubscriptionCanNeverSendDataOffTheMachine(String uri) {
        SubscriptionRequests.Invalid invalid = assertThrows(SubscriptionRequests.Invalid.class, () -> http(uri));
        assertTrue(invalid.getMessage().startsWith("destination.URI: host ") && invalid.getMessage().endsWith(
                " is not the sandbox (sandbox, sandbox.localdomain, localhost or a loopback address)"),
                invalid.getMessage());
    }

    @Test
    void anHttpDestinationNeedsAnAbsoluteHttpUriWithAPort() {
        refusedDestination("destination.URI: is required", "{'protocol':'HTTP'}");
        refusedDestination("destination.URI: is required", "{'protocol':'HTTP','uri':'http://sandbox:9'}");
        for (String uri : new String[] {"'/path'", "'sandbox:9'", "'https://sandbox:9'", "'ftp://sandbox:9'",
                "'http://'", "'http://sand box:9'", "''", "9", "null",
                // no host to java.net.URI, not even a name: never looked up either
                "'http://127.1:9'", "'http://127.0.0.256:9'"}) {
            refusedDestination("destination.URI: must be an absolute http URI",
                    "{'protocol':'HTTP','URI':" + uri + "}");
        }
        refusedDestination("destination.URI: port is not provided",
                "{'protocol':'HTTP','URI':'http://sandbox.localdomain/logs'}");
        refusedDestination("destination.URI: port must be between 1 and 65535",
                "{'protocol':'HTTP','URI':'http://sandbox:0'}");
        refusedDestination("destination.URI: port must be between 1 and 65535",
                "{'protocol':'HTTP','URI':'http://sandbox:65536'}");
    }

    @Test
    void aTcpDestinationIsAPortOnLoopback() {
        assertEquals(new Destination(Protocol.TCP, null, 8080, null),
                destination("{'protocol':'TCP','port':8080}"));
        assertEquals(1, destination("{'protocol':'TCP','port':1,'URI':'http://example.com:9'}").port());
        refusedDestination("destination.port: is required", "{'protocol':'TCP'}");
        refusedDestination("destination.port: must be between 1 and 65535", "{'protocol':'TCP','port':0}");
        refusedDestination("destination.port: must be between 1 and 65535", "{'protocol':'TCP','port':65536}");
        refusedDestination("destination.port: must be an integer", "{'protocol':'TCP','port':'8080'}");
    }

    @Test
    void theDestinationAndItsProtocolAreRequired() {
        refused("destination: is required", Api.TELEMETRY, "{'schemaVersion':'2022-07-01'," + ALL + "}");
        refusedDestination("destination: must be an object", "'http://sandbox:9'");
        for (String destination : new String[] {"{}", "{'protocol':'http','URI':'http://sandbox:9'}",
                "{'protocol':'UDP','port':9}", "{'protocol':null}", "{'protocol':1}"}) {
            refusedDestination("destination.protocol: must be HTTP or TCP", destination);
        }
    }

    @Test
    void typesAreANonEmptySubsetOfTheThreeCategories() {
        assertEquals(Set.of(Category.FUNCTION), types("['function','function']"));
        assertEquals(Set.of(Category.PLATFORM, Category.EXTENSION), types("['extension','platform']"));
        refused("types: is required", Api.TELEMETRY, "{'schemaVersion':'2022-07-01'," + HTTP + "}");
        refused("types: must not be empty", Api.TELEMETRY, "{'schemaVersion':'2022-07-01','types':[]," + HTTP + "}");
        refused("types: must be an array of platform, function or extension", Api.TELEMETRY,
                "{'schemaVersion':'2022-07-01','types':'platform'," + HTTP + "}");
        refused("types: unknown type \"logs\" (expected platform, function or extension)", Api.TELEMETRY,
                "{'schemaVersion':'2022-07-01','types':['platform','logs']," + HTTP + "}");
        refused("types: unknown type \"Platform\" (expected platform, function or extension)", Api.LOGS,
                "{'types':['Platform']," + HTTP + "}");
        refused("types: unknown type 1 (expected platform, function or extension)", Api.LOGS,
                "{'types':[1]," + HTTP + "}");
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertEquals(Set.of(Category.PLATFORM), parse(Api.TELEMETRY, "{'schemaVersion':'2022-12-13','types':"
                + "['platform'],'extra':{'a':1},'destination':{'protocol':'HTTP','URI':'http://sandbox:9',"
                + "'method':'PUT','encoding':'JSON'},'buffering':{'maxItems':1000,'other':true}}").types());
    }

    @Test
    void theBodyMustBeOneJsonObject() {
        for (String body : new String[] {"", "[]", "'OK'", "null"}) {
            refused("body: must be a JSON object", Api.TELEMETRY, body);
        }
        for (String body : new String[] {"{", "{'schemaVersion':'2022-12-13'} x", "{} {}", "{'a':}"}) {
            refused("body: is not JSON", Api.TELEMETRY, body);
        }
    }

    private static Subscription parse(Api api, String json) {
        return SubscriptionRequests.parse(api, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    private static Buffering buffering(Api api, String buffering) {
        return parse(api, "{'schemaVersion':'" + api.schemaVersions().getFirst() + "'," + ALL + "," + HTTP
                + ",'buffering':" + buffering + "}").buffering();
    }

    private static Destination destination(String destination) {
        return parse(Api.TELEMETRY, "{'schemaVersion':'2025-01-29'," + ALL + ",'destination':" + destination + "}")
                .destination();
    }

    private static Destination http(String uri) {
        return destination("{'protocol':'HTTP','URI':'" + uri + "'}");
    }

    private static Set<Category> types(String types) {
        return parse(Api.TELEMETRY, "{'schemaVersion':'2022-07-01','types':" + types + "," + HTTP + "}").types();
    }

    private static void refused(String message, String buffering) {
        SubscriptionRequests.Invalid invalid =
                assertThrows(SubscriptionRequests.Invalid.class, () -> buffering(Api.TELEMETRY, buffering));
        assertEquals(message, invalid.getMessage());
    }

    private static void refusedDestination(String message, String destination) {
        SubscriptionRequests.Invalid invalid =
                assertThrows(SubscriptionRequests.Invalid.class, () -> destination(destination));
        assertEquals(message, invalid.getMessage());
    }

    private static void refused(String message, Api api, String body) {
        SubscriptionRequests.Invalid invalid = assertThrows(SubscriptionRequests.Invalid.class, () -> parse(api, body));
        assertEquals(message, invalid.getMessage());
    }
}
