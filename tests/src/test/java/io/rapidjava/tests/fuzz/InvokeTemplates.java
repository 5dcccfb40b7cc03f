package io.rapidjava.tests.fuzz;

import static io.rapidjava.tests.fuzz.Template.jsonBody;
import static io.rapidjava.tests.fuzz.Template.noise;
import static io.rapidjava.tests.fuzz.Template.pick;
import static io.rapidjava.tests.fuzz.Template.run;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/** Valid invokes of the front-end ({@code POST /2015-03-31/functions/<name>/invocations}) with odd options. */
final class InvokeTemplates {

    private InvokeTemplates() {
    }

    static List<Template> all() {
        return List.of(
                new Template("invoke", r -> invoke(r).body(jsonBody(r))),
                new Template("invoke-chunked", r -> invoke(r).chunked(jsonBody(r), r)),
                new Template("invoke-type", r -> invoke(r)
                        .header("X-Amz-Invocation-Type", pick(r, "Event", "DryRun", "RequestResponse", "event", "",
                                "Event,Event", "DryRun ", "Event\u00ff", run('E', 3000)))
                        .body(jsonBody(r))),
                new Template("invoke-client-context", r -> invoke(r)
                        .header("X-Amz-Client-Context", clientContext(r))
                        .body(jsonBody(r))),
                new Template("invoke-trace-log", r -> invoke(r)
                        .header("X-Amzn-Trace-Id", pick(r, "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1",
                                "", "Root=", "garbage", "Root=1-" + run('f', 4000), "Root=\u00ff\u0001;;;=",
                                "Root=1-2-3;Parent=;Sampled=x;Lineage=zz"))
                        .header("X-Amz-Log-Type", pick(r, "Tail", "None", "tail", "", "\u00ff"))
                        .body(jsonBody(r))),
                new Template("invoke-stream", r -> new RawRequest("POST", "/2021-11-15/functions/"
                        + pick(r, "function", "other-fn", "", "fn:$LATEST", "fn:1:2") + "/response-streaming-invocations")
                        .header("Host", "127.0.0.1")
                        .header("X-Amz-Invocation-Type", pick(r, "RequestResponse", "Event", "DryRun", ""))
                        .header("X-Amz-Log-Type", pick(r, "Tail", "None", ""))
                        .header("Content-Type", pick(r, "application/json", "application/vnd.amazon.eventstream"))
                        .body(jsonBody(r))),
                new Template("invoke-large", r -> invoke(r).body("\"" + run('b', 64 * 1024 + r.nextInt(8192)) + "\"")),
                new Template("invoke-other-path", r -> new RawRequest(pick(r, "GET", "POST", "PUT", "DELETE", "OPTIONS"),
                        pick(r, "/", "/2015-03-31/functions/", "/2015-03-31/functions/function", "/health",
                                "/2015-03-31/functions/function/invocations/extra", "/2018-06-01/runtime/invocation/next",
                                "/" + noise(r, 20).replaceAll("[\\s]", "_")))
                        .header("Host", "127.0.0.1")
                        .body(jsonBody(r))));
    }

    private static RawRequest invoke(Random r) {
        String name = pick(r, "function", "function", "other-fn", "", "a%2Fb", run('n', 300),
                RawRequest.utf8("fünction"), "fn:1", "arn:aws:lambda:us-east-1:012345678912:function:f");
        return new RawRequest("POST", "/2015-03-31/functions/" + name + "/invocations")
                .header("Host", "127.0.0.1")
                .header("Content-Type", pick(r, "application/json", "text/plain", "application/octet-stream"));
    }

    private static String clientContext(Random r) {
        Base64.Encoder b64 = Base64.getEncoder();
        return switch (r.nextInt(6)) {
            case 0 -> b64.encodeToString("{\"custom\":{\"k\":\"v\"},\"env\":{},\"client\":{}}".getBytes(StandardCharsets.UTF_8));
            case 1 -> "not base64!";
            case 2 -> b64.encodeToString("not json".getBytes(StandardCharsets.UTF_8));
            case 3 -> "====";
            case 4 -> b64.encodeToString(run('{', 4000).getBytes(StandardCharsets.UTF_8));
            default -> b64.encodeToString(noise(r, 64).getBytes(StandardCharsets.ISO_8859_1));
        };
    }
}
