package io.rapidjava.tests.fuzz;

import static io.rapidjava.tests.fuzz.Template.jsonBody;
import static io.rapidjava.tests.fuzz.Template.pick;
import static io.rapidjava.tests.fuzz.Template.run;
import static io.rapidjava.tests.fuzz.Template.uuid;

import java.util.List;
import java.util.Random;

/**
 * Telemetry API and Logs API subscriptions with odd bodies and identifiers, sent after init as a rogue process
 * would send them: every one must be refused in the documented shape (a 4xx JSON error), never a 5xx.
 */
final class TelemetryApiTemplates {

    private TelemetryApiTemplates() {
    }

    static List<Template> all() {
        return List.of(
                new Template("telemetry-subscribe", r -> subscribe(r, "/2022-07-01/telemetry",
                        pick(r, "2022-07-01", "2022-12-13", "2025-01-29", "2020-08-15", "", "2022-07-01\u00ff"))),
                new Template("logs-subscribe", r -> subscribe(r, "/2020-08-15/logs",
                        pick(r, "2020-08-15", "2021-03-18", "2022-07-01", "x"))),
                new Template("telemetry-other", r -> new RawRequest(pick(r, "GET", "POST", "DELETE", "PUT"),
                        pick(r, "/2022-07-01/telemetry/", "/2022-07-01/telemetry/x", "/2022-07-01", "/2020-08-15/logs/",
                                "/2022-07-02/telemetry", "/2020-08-15/log"))
                        .header("Host", "127.0.0.1:9001")
                        .header("Lambda-Extension-Identifier", uuid(r))
                        .body(jsonBody(r))));
    }

    private static RawRequest subscribe(Random r, String path, String schema) {
        return new RawRequest("PUT", path)
                .header("Host", "127.0.0.1:9001")
                .header("Lambda-Extension-Identifier", pick(r, uuid(r), "", "not-a-uuid", run('f', 4000),
                        uuid(r) + "," + uuid(r)))
                .header("Content-Type", pick(r, "application/json", "text/plain", ""))
                .body(switch (r.nextInt(7)) {
                    case 0 -> jsonBody(r);
                    case 1 -> "{\"schemaVersion\":\"" + schema + "\"}";
                    case 2 -> "{\"schemaVersion\":\"" + schema + "\",\"destination\":{\"protocol\":\""
                            + pick(r, "HTTP", "TCP", "http", "UDP", "") + "\",\"URI\":\""
                            + pick(r, "http://sandbox.localdomain:1234/x", "http://example.com/", "ftp://localhost/",
                                    "http://[::1]:99999", "http://" + run('h', 3000), "") + "\",\"port\":"
                            + pick(r, "1234", "0", "-1", "65536", "\"1234\"", "null", "1e3") + "},\"types\":"
                            + pick(r, "[\"platform\",\"function\"]", "[]", "[\"bogus\"]", "\"platform\"", "null",
                                    "[\"platform\",\"platform\"]") + "}";
                    case 3 -> "{\"schemaVersion\":\"" + schema + "\",\"destination\":{\"protocol\":\"HTTP\","
                            + "\"URI\":\"http://sandbox:1234\"},\"types\":[\"platform\"],\"buffering\":{\"maxItems\":"
                            + pick(r, "1000", "1", "100000", "-5", "1.5", "\"1000\"", "9223372036854775808")
                            + ",\"maxBytes\":" + pick(r, "262144", "1", "1048577", "null") + ",\"timeoutMs\":"
                            + pick(r, "25", "0", "30001", "1e9", "[]") + "}}";
                    case 4 -> "{\"schemaVersion\":" + pick(r, "1", "null", "[]", "{}") + "}";
                    case 5 -> "{\"destination\":" + "{\"a\":".repeat(2000) + "1" + "}".repeat(2000) + "}";
                    default -> "{\"schemaVersion\":\"" + schema + "\",\"types\":[" + "\"platform\",".repeat(3000)
                            + "\"function\"]}";
                });
    }
}
