package io.rapidjava.tests.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AWS SDK for JavaScript v3 ({@code @aws-sdk/client-lambda}: {@code InvokeCommand} and
 * {@code InvokeWithResponseStreamCommand}) against a Node function run by AWS's Node runtime interface client
 * ({@code aws-lambda-ric}) with a streaming handler ({@code awslambda.streamifyResponse}), all unmodified from npm.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class NodeSdkTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    private static Path node;
    private static Daemon daemon;

    @BeforeAll
    static void start() {
        node = NodeClients.installed();
        Path bootstrap = Scripts.bash(dir, "bootstrap", "exec node \"" + node
                + "/node_modules/aws-lambda-ric/bin/index.mjs\" handlers.stream\n");
        daemon = Daemon.builder().cleanLambdaEnv().workingDir(node).command(bootstrap.toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** The client script running: its facts, one JSON line each, as they come. */
    private record Client(Process process, BlockingQueue<JsonNode> facts) {

        JsonNode next() throws InterruptedException {
            JsonNode fact = facts.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (fact == null) {
                throw new AssertionError("the client printed nothing within " + WAIT + "\n" + daemon.describe());
            }
            return fact;
        }

        List<JsonNode> rest() throws InterruptedException {
            assertTrue(process.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS), "the client did not end");
            List<JsonNode> all = new ArrayList<>();
            facts.drainTo(all);
            return all;
        }
    }

    private static Client client(String command, String payload, String logType) throws IOException {
        Process p = new ProcessBuilder("node", "client.mjs", "http://127.0.0.1:" + daemon.invokePort(), command,
                payload, logType).directory(node.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BlockingQueue<JsonNode> facts = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    facts.add(JSON.readTree(line));
                }
            } catch (IOException e) {
                // the client ended
            }
        });
        return new Client(p, facts);
    }

    @Test
    void invokeCommandGetsTheStreamingHandlersWholeAnswer() throws Exception {
        List<JsonNode> facts = client("invoke", "{\"mode\":\"echo\",\"n\":1}", "Tail").rest();
        assertEquals(1, facts.size(), facts::toString);
        JsonNode r = facts.getFirst();
        assertEquals(200, r.get("statusCode").asInt(), r::toString);
        assertEquals("$LATEST", r.get("executedVersion").asText());
        assertTrue(r.get("functionError").isNull(), r::toString);
        assertEquals(JSON.readTree("{\"echoed\":{\"mode\":\"echo\",\"n\":1}}"), JSON.readTree(r.get("payload").asText()));
        String log = new String(Base64.getDecoder().decode(r.get("logResult").asText()), StandardCharsets.UTF_8);
        assertTrue(log.contains("handling echo"), log);
    }

    @Test
    void invokeWithResponseStreamCommandGetsChunksBeforeTheEnd() throws Exception {
        Path gate = dir.resolve("gate-" + System.nanoTime());
        Client c = client("stream", "{\"mode\":\"gated\",\"gate\":\"" + gate + "\"}", "None");
        JsonNode head = c.next();
        assertEquals(200, head.get("statusCode").asInt(), head::toString);
        assertEquals("$LATEST", head.get("executedVersion").asText());
        assertEquals("application/vnd.amazon.eventstream", head.get("contentType").asText());
        assertEquals("first|", c.next().get("chunk").asText(), "the first chunk while the handler awaits the gate");
        assertFalse(Files.exists(gate));
        Files.createFile(gate);
        List<JsonNode> rest = c.rest();
        StringBuilder text = new StringBuilder();
        rest.stream().filter(f -> f.has("chunk")).forEach(f -> text.append(f.get("chunk").asText()));
        assertEquals("second|", text.toString());
        JsonNode complete = rest.getLast().get("complete");
        assertTrue(complete != null && !complete.has("ErrorCode"), rest::toString);
    }

    @Test
    void aHandlerThatThrowsMidStreamEndsItWithItsErrorInInvokeComplete() throws Exception {
        List<JsonNode> facts = client("stream", "{\"mode\":\"throw\"}", "Tail").rest();
        assertEquals("partial|", facts.get(1).get("chunk").asText(), facts::toString);
        JsonNode complete = facts.getLast().get("complete");
        assertTrue(complete != null, facts::toString);
        assertFalse(complete.get("ErrorCode").asText().isEmpty(), complete::toString);
        assertTrue(complete.get("ErrorDetails").asText().contains("the stream broke"), complete::toString);
        String log = new String(Base64.getDecoder().decode(complete.get("LogResult").asText()), StandardCharsets.UTF_8);
        assertTrue(log.contains("handling throw"), log);
        assertTrue(log.contains("REPORT RequestId: "), log);
    }

    @Test
    void aBadFunctionNameIsTheSdksValidationException() throws Exception {
        Process p = new ProcessBuilder("node", "-e", """
                import('@aws-sdk/client-lambda').then(async ({ LambdaClient, InvokeCommand }) => {
                  const c = new LambdaClient({ endpoint: process.argv[1], region: 'us-east-1', maxAttempts: 1,
                    credentials: { accessKeyId: 'x', secretAccessKey: 'y' } });
                  try { await c.send(new InvokeCommand({ FunctionName: 'bad name!' })); console.log('{}'); }
                  catch (e) { console.log(JSON.stringify({ error: e.name, status: e.$metadata.httpStatusCode })); }
                });
                """, "http://127.0.0.1:" + daemon.invokePort()).directory(node.toFile()).start();
        assertTrue(p.waitFor(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        JsonNode r = JSON.readTree(p.getInputStream().readAllBytes());
        assertEquals("ValidationException", r.get("error").asText(), r::toString);
        assertEquals(400, r.get("status").asInt());
    }
}
