package io.rapidjava.tests.fuzz;

import static io.rapidjava.tests.fuzz.Template.jsonBody;
import static io.rapidjava.tests.fuzz.Template.noise;
import static io.rapidjava.tests.fuzz.Template.pick;
import static io.rapidjava.tests.fuzz.Template.run;

import java.util.List;
import java.util.Random;

/**
 * Requests to the function's URL as any HTTP client (a browser, a webhook) might send them: odd methods, paths,
 * query strings, cookies, form bodies and encodings. Each becomes an event for the echo runtime, whose answer the
 * URL server turns back into an HTTP response.
 */
final class FunctionUrlTemplates {

    private FunctionUrlTemplates() {
    }

    static List<Template> all() {
        return List.of(
                new Template("url-get", r -> request(r, pick(r, "GET", "HEAD", "DELETE", "OPTIONS", "PATCH", "FOO"))),
                new Template("url-post", r -> request(r, pick(r, "POST", "PUT"))
                        .header("Content-Type", pick(r, "application/json", "text/plain; charset=utf-8",
                                "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                                "application/octet-stream", "image/png", "", "\u00ff/\u00fe"))
                        .body(jsonBody(r))),
                new Template("url-chunked", r -> request(r, "POST")
                        .header("Content-Type", pick(r, "application/json", "application/octet-stream"))
                        .chunked(jsonBody(r), r)),
                new Template("url-large", r -> request(r, "POST")
                        .header("Content-Type", "text/plain")
                        .body(run('u', 256 * 1024 + r.nextInt(8192)))));
    }

    private static RawRequest request(Random r, String method) {
        RawRequest q = new RawRequest(method, path(r) + query(r))
                .header("Host", pick(r, "127.0.0.1", "abc.lambda-url.us-east-1.on.aws", "", "h:x", run('h', 2000)))
                .header("User-Agent", pick(r, "Mozilla/5.0", "", "\u00ff"));
        if (r.nextBoolean()) {
            q.header("Cookie", pick(r, "a=1; b=2", "a", ";;;", "=x", "a=" + run('c', 5000), noise(r, 30)));
        }
        if (r.nextInt(4) == 0) {
            q.header("X-Forwarded-For", pick(r, "1.2.3.4", "", "not an ip", "1.2.3.4, 5.6.7.8"));
        }
        if (r.nextInt(5) == 0) {
            q.header("Content-Encoding", pick(r, "gzip", "br", "identity", "x"));
        }
        return q;
    }

    private static String path(Random r) {
        return pick(r, "/", "/a/b/c", "//", "/%2e%2e/x", "/%zz", "/" + run('p', 5000), "/ünï".replace("ü", "%C3%BC"),
                "/" + noise(r, 12).replaceAll("[\\s?#]", "_"), "*");
    }

    private static String query(Random r) {
        return pick(r, "", "?", "?a=1&a=2&b", "?=&=&", "?x=%ZZ", "?a=" + run('q', 4000), "?%C3%BC=%C3%BC",
                "?a=1;b=2", "#frag", "?a=1#f");
    }
}
