package io.rapidjava.tests.fuzz;

import static io.rapidjava.tests.fuzz.Template.errorType;
import static io.rapidjava.tests.fuzz.Template.jsonBody;
import static io.rapidjava.tests.fuzz.Template.pick;
import static io.rapidjava.tests.fuzz.Template.run;
import static io.rapidjava.tests.fuzz.Template.uuid;

import java.util.List;
import java.util.Random;

/** Extensions API calls with bad names, bodies, identifiers and error types (registration is closed by then). */
final class ExtensionsApiTemplates {

    static final String BASE = "/2020-01-01/extension";

    private ExtensionsApiTemplates() {
    }

    static List<Template> all() {
        return List.of(
                new Template("register", r -> request("POST", "/register")
                        .header("Lambda-Extension-Name", pick(r, "fuzz-ext", "", " ", run('x', 5000), "../bootstrap",
                                "bootstrap", "\u00ff\u00fe", RawRequest.utf8("ëxt☃"), "a b", "a/b"))
                        .header("Lambda-Extension-Accept-Feature", pick(r, "accountId", "", "accountId,accountId", "\u0001"))
                        .header("Content-Type", "application/json")
                        .body(pick(r, "{\"events\":[\"INVOKE\",\"SHUTDOWN\"]}", "{\"events\":[]}", "{\"events\":\"INVOKE\"}",
                                "{\"events\":[\"FOO\"]}", "{\"events\":null}", "{\"events\":[1,{},[]]}", "[]", "{",
                                "{\"events\":[" + "\"INVOKE\",".repeat(500) + "\"INVOKE\"]}", jsonBody(r)))),
                new Template("event-next", r -> request("GET", "/event/next")
                        .header("Lambda-Extension-Identifier", identifier(r))),
                new Template("init-error", r -> request("POST", "/init/error")
                        .header("Lambda-Extension-Identifier", identifier(r))
                        .header("Lambda-Extension-Function-Error-Type", errorType(r))
                        .header("Content-Type", "application/json")
                        .body(jsonBody(r))),
                new Template("exit-error", r -> request("POST", "/exit/error")
                        .header("Lambda-Extension-Identifier", identifier(r))
                        .header("Lambda-Extension-Function-Error-Type", errorType(r))
                        .body(jsonBody(r))),
                new Template("unknown-path", r -> request(pick(r, "GET", "POST", "PUT"),
                        pick(r, "", "/", "/register/x", "/event", "/event/next/", "/init", "/exit/error/x"))
                        .body(jsonBody(r))));
    }

    private static String identifier(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> "";
            case 1 -> "not-a-uuid";
            case 2 -> run('f', 4000);
            case 3 -> uuid(r) + "," + uuid(r);
            case 4 -> "\u00ff\u00fe\u0001";
            default -> uuid(r);
        };
    }

    private static RawRequest request(String method, String path) {
        return new RawRequest(method, BASE + path).header("Host", "127.0.0.1:9001");
    }
}
