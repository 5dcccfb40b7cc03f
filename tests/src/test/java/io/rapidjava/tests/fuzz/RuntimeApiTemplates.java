package io.rapidjava.tests.fuzz;

import static io.rapidjava.tests.fuzz.Template.errorType;
import static io.rapidjava.tests.fuzz.Template.jsonBody;
import static io.rapidjava.tests.fuzz.Template.pick;
import static io.rapidjava.tests.fuzz.Template.requestId;

import java.util.List;
import java.util.Random;

/**
 * Runtime API calls as a rogue process in the sandbox would make them: unknown request ids, wrong methods on
 * {@code next}, init errors after init. Never a well-formed {@code GET next}: that would take an invoke from the
 * real runtime ({@link Api#takesAnInvoke} guards what mutations make of these).
 */
final class RuntimeApiTemplates {

    static final String BASE = "/2018-06-01";

    private RuntimeApiTemplates() {
    }

    static List<Template> all() {
        return List.of(
                new Template("ping", r -> request(r, "GET", BASE + "/ping")),
                new Template("next-wrong-method", r -> request(r, pick(r, "POST", "PUT", "DELETE", "PATCH"),
                        BASE + "/runtime/invocation/next").body(jsonBody(r))),
                new Template("response", r -> request(r, "POST", invocation(r, "response"))
                        .header("Content-Type", pick(r, "application/json", "text/plain", "", "application/json; charset=\u00ff"))
                        .body(jsonBody(r))),
                new Template("response-streaming", r -> {
                    RawRequest q = request(r, "POST", invocation(r, "response"))
                            .header("Lambda-Runtime-Function-Response-Mode", pick(r, "streaming", "Streaming", "buffered", "", "stream\u00ff"))
                            .header("Trailer", "Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body")
                            .chunked(jsonBody(r), r);
                    q.chunkEnd = "0\r\nLambda-Runtime-Function-Error-Type: " + errorType(r)
                            + "\r\nLambda-Runtime-Function-Error-Body: " + pick(r, "e30=", "not base64", "") + "\r\n\r\n";
                    return q;
                }),
                new Template("error", r -> request(r, "POST", invocation(r, "error"))
                        .header("Lambda-Runtime-Function-Error-Type", errorType(r))
                        .header("Lambda-Runtime-Function-XRay-Error-Cause", pick(r, "{}", "{\"working_directory\":1}", "\u00ff"))
                        .header("Content-Type", "application/json")
                        .body(pick(r, "{\"errorMessage\":\"m\",\"errorType\":\"t\"}", "{", "", jsonBody(r)))),
                new Template("init-error", r -> request(r, "POST", BASE + "/runtime/init/error")
                        .header("Lambda-Runtime-Function-Error-Type", errorType(r))
                        .header("Content-Type", "application/json")
                        .body(jsonBody(r))),
                new Template("unknown-path", r -> request(r, pick(r, "GET", "POST", "DELETE"),
                        pick(r, BASE + "/runtime/invocation", BASE + "/runtime/invocation/" + requestId(r),
                                BASE + "/runtime/invocation/" + requestId(r) + "/responses", BASE + "/runtime",
                                BASE + "/runtime/init", BASE + "//ping", "/2018-06-02/ping", "/", BASE + "/ping/x"))
                        .body(jsonBody(r))));
    }

    private static String invocation(Random r, String action) {
        return BASE + "/runtime/invocation/" + requestId(r) + "/" + action;
    }

    private static RawRequest request(Random r, String method, String path) {
        return new RawRequest(method, path).header("Host", "127.0.0.1:9001")
                .header("User-Agent", pick(r, "curl/8.0", "aws-lambda-rie-fuzz", "\u00ff\u00fe"));
    }
}
