package io.rapidjava.tests.url;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headless Chromium (Debian's {@code chromium}) driven over the DevTools protocol from the JDK's WebSocket client: one
 * page, navigated, read with JavaScript, photographed. Loopback only; the browser is this object's child and is
 * stopped by {@link #close()}.
 */
final class Chromium implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://127\\.0\\.0\\.1:(\\d+)/\\S+)");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Process browser;
    private final WebSocket page;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private Chromium(Process browser, WebSocket page) {
        this.browser = browser;
        this.page = page;
    }

    /** The browser's command, or null when it is not installed. */
    static Path binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(dir, "chromium");
            if (!dir.isEmpty() && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    static Chromium start(Path profile) throws Exception {
        Process browser = new ProcessBuilder(binary().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--remote-allow-origins=*",
                "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0", "--window-size=800,600",
                "--user-data-dir=" + profile, "about:blank").redirectErrorStream(true).start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        StringBuilder output = new StringBuilder();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(browser.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (output) {
                        output.append(line).append('\n');
                    }
                    Matcher m = DEVTOOLS.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(2)));
                    }
                }
            } catch (IOException e) {
                // the browser ended
            }
            port.completeExceptionally(new AssertionError("chromium ended before its DevTools address:\n" + output));
        });
        int devtools;
        try {
            devtools = port.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            browser.destroyForcibly();
            throw new AssertionError("no DevTools address from chromium within " + WAIT + ":\n" + output, e);
        }
        HttpClient http = HttpClient.newHttpClient();
        JsonNode target = JSON.readTree(http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + devtools + "/json/new?about:blank"))
                .PUT(HttpRequest.BodyPublishers.noBody()).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        Chromium[] self = new Chromium[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(target.get("webSocketDebuggerUrl")
                .asText()), new WebSocket.Listener() {
                    private final StringBuilder frame = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        frame.append(data);
                        if (last) {
                            self[0].received(frame.toString());
                            frame.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        self[0] = new Chromium(browser, socket);
        self[0].call("Page.enable", Map.of());
        self[0].call("Runtime.enable", Map.of());
        return self[0];
    }

    private void received(String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if (message.has("id")) {
                CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                if (answer != null) {
                    answer.complete(message);
                }
            } else {
                events.add(message);
            }
        } catch (IOException e) {
            throw new IllegalStateException("not JSON from DevTools: " + text, e);
        }
    }

    /** A DevTools command's result; its error fails the test. */
    JsonNode call(String method, Map<String, ?> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode command = JSON.createObjectNode().put("id", id).put("method", method);
        command.set("params", JSON.valueToTree(params));
        page.sendText(JSON.writeValueAsString(command), true).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        JsonNode message = answer.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (message.has("error")) {
            throw new AssertionError(method + " failed: " + message.get("error"));
        }
        return message.get("result");
    }

    /** Goes to {@code url} and waits for its load event. */
    void navigate(URI url) throws Exception {
        events.clear();
        call("Page.navigate", Map.of("url", url.toString()));
        awaitLoad();
    }

    /** Waits for the page's next load event (after a navigation, or a form's submission). */
    void awaitLoad() throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode event = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (event == null) {
                throw new AssertionError("the page did not load within " + WAIT);
            }
            if (event.get("method").asText().equals("Page.loadEventFired")) {
                return;
            }
        }
    }

    /** The value of a JavaScript expression in the page, as text. */
    String evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("JavaScript failed: " + result.get("exceptionDetails"));
        }
        return result.get("result").path("value").asText();
    }

    /** Runs JavaScript that leaves the page (a click on a submit button) and waits for the next one. */
    void evaluateAndAwaitLoad(String expression) throws Exception {
        events.clear();
        evaluate(expression);
        awaitLoad();
    }

    /** A PNG of the page as it shows. */
    void screenshot(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(call("Page.captureScreenshot", Map.of("format", "png"))
                .get("data").asText()));
    }

    @Override
    public void close() throws InterruptedException {
        page.abort();
        browser.descendants().forEach(ProcessHandle::destroyForcibly);
        browser.destroyForcibly();
        browser.waitFor(10, TimeUnit.SECONDS);
    }
}
