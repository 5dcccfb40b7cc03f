package io.rapidjava.tests.url;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A function that serves an HTML page with a form, opened through the Function URL in headless Chromium (Debian's
 * {@code chromium}, which {@code .ci/run} installs; skipped, saying so, without it): the page renders, the form
 * posts (a form body reaches the function in base64, as Lambda sends it), and the function's answer shows. The
 * screenshots are left in {@code target/chromium/}.
 */
@Timeout(120)
class BrowserFormTest {

    private static final String PAGE = "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"text/html; charset=utf-8\"},"
            + "\"body\":\"<html><head><title>Greeter</title></head><body><h1>Greeter</h1>"
            + "<form method='post' action='/greet'><label>Name <input name='name'></label>"
            + "<button type='submit'>Greet</button></form></body></html>\"}";
    private static final String ANSWER = "{\"statusCode\":200,\"headers\":{\"Content-Type\":\"text/html; charset=utf-8\"},"
            + "\"body\":\"<html><head><title>Greeted</title></head><body><h1>Greeter</h1>"
            + "<p id='answer'>Hello, NAME!</p></body></html>\"}";

    /** GET: the page; POST: the form's name (base64 form body, URL-encoded) greeted. */
    private static final String RUNTIME = """
            while next; do
              case "$EVENT" in
                *'"method":"POST"'*)
                  form="$(printf '%s' "$EVENT" | sed -n 's/.*"body":"\\([^"]*\\)".*/\\1/p' | base64 -d)"
                  name="$(printf '%s' "$form" | sed -n 's/.*name=\\([^&]*\\).*/\\1/p' | sed 's/+/ /g')"
                  name="$(printf '%b' "${name//%/\\\\x}")"
                  respond "$(sed "s/NAME/$name/" "$HERE/answer.json")" ;;
                *)
                  respond_file "$HERE/page.json" ;;
              esac
            done
            """;

    @Test
    void thePageRendersTheFormPostsAndTheAnswerShows(@TempDir Path dir) throws Exception {
        assumeTrue(Chromium.binary() != null, "chromium is not installed (Debian's chromium package, which .ci/run "
                + "installs): the browser test is skipped");
        Files.writeString(dir.resolve("page.json"), PAGE);
        Files.writeString(dir.resolve("answer.json"), ANSWER);
        Path shots = Path.of("target/chromium").toAbsolutePath();
        try (Daemon d = Daemon.builder().cleanLambdaEnv().flag("--function-url-address", "127.0.0.1:0")
                .command(Scripts.runtime(dir, "bootstrap", RUNTIME).toString()).start();
             Chromium browser = Chromium.start(dir.resolve("profile"))) {
            browser.navigate(d.functionUrl("/"));
            assertEquals("Greeter", browser.evaluate("document.title"));
            assertEquals("Greet", browser.evaluate("document.querySelector('form button').textContent"));
            browser.screenshot(shots.resolve("form.png"));

            browser.evaluateAndAwaitLoad("document.querySelector('input[name=name]').value = 'Zoë Lovelace';"
                    + "document.querySelector('form button').click(); true");

            assertEquals("/greet", browser.evaluate("location.pathname"));
            assertEquals("Hello, Zoë Lovelace!", browser.evaluate("document.getElementById('answer').textContent"));
            browser.screenshot(shots.resolve("answer.png"));
        }
    }
}
