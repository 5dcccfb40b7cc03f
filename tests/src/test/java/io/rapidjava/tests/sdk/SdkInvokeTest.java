package io.rapidjava.tests.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvalidParameterValueException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * The AWS SDK for Java v2 {@link LambdaClient} pointed at the daemon's invoke front-end, with a small bash runtime
 * (curl loop) as the function: echo, function error, log tail, Event and DryRun invocation types, timeout.
 */
class SdkInvokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UUID_RE = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /**
     * Echoes the event; {"action":"fail"} → /error; {"action":"sleep"} → sleeps 10 s before answering;
     * {"action":"client-context"} → answers with the {@code Lambda-Runtime-Client-Context} header it got.
     */
    private static final String RUNTIME = """
            while next; do
              echo "[$REQUEST_ID] function says: $EVENT"
              case "$EVENT" in
                *'"action":"fail"'*)
                  fail Function.TestFailure '{"errorMessage":"failure requested","errorType":"Function.TestFailure"}' ;;
                *'"action":"client-context"'*)
                  respond "$(header Lambda-Runtime-Client-Context)" ;;
                *'"action":"sleep"'*)
                  sleep 10
                  respond_file "$EVENT_FILE" ;;
                *)
                  respond_file "$EVENT_FILE" ;;
              esac
            done
            """;

    /** Daemon settings the tests expect at their defaults. */
    private static final List<String> HERMETIC_UNSET = List.of("AWS_LAMBDA_FUNCTION_NAME",
            "AWS_LAMBDA_FUNCTION_VERSION", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "AWS_LAMBDA_FUNCTION_TIMEOUT",
            "AWS_LAMBDA_FUNCTION_HANDLER", "_HANDLER", "AWS_LAMBDA_MAX_CONCURRENCY");

    @TempDir
    static Path dir;

    private static Daemon daemon;
    private static LambdaClient lambda;

    @BeforeAll
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    static void start() {
        daemon = startDaemon(dir, Map.of());
        lambda = client(daemon);
    }

    @AfterAll
    static void stop() {
        if (lambda != null) {
            lambda.close();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    private static Daemon startDaemon(Path workDir, Map<String, String> env) {
        Path bootstrap = Scripts.runtime(workDir, "bootstrap", RUNTIME);
        Daemon.Builder builder = Daemon.builder().command(bootstrap.toString()).workingDir(workDir);
        HERMETIC_UNSET.forEach(builder::unsetEnv);
        env.forEach(builder::env);
        return builder.start();
    }

    /** A client for the daemon: 30 s call timeouts, no retries (so a 5xx shows up instead of being retried). */
    private static LambdaClient client(Daemon d) {
        return LambdaClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + d.invokePort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o
                        .apiCallTimeout(Duration.ofSeconds(30))
                        .apiCallAttemptTimeout(Duration.ofSeconds(30))
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    /** {@code client.invoke(request)}; an SDK failure (timeout, 5xx, ...) is reported with the daemon's output. */
    private static InvokeResponse invoke(Daemon d, LambdaClient client, Consumer<InvokeRequest.Builder> request) {
        try {
            return client.invoke(request);
        } catch (SdkException e) {
            throw new AssertionError("invoke through the SDK failed: " + e + "\n" + d.describe(), e);
        }
    }

    private static String marker() {
        return "m-" + UUID.randomUUID();
    }

    /** The stdout line the bash runtime prints for an event: {@code [<request id>] function says: <event>}. */
    private static String awaitFunctionLine(Daemon d, String event) {
        return d.awaitStdout(line -> line.contains("function says: " + event), Duration.ofSeconds(20));
    }

    private static String requestIdOf(String functionLine) {
        Matcher m = Pattern.compile("\\[(" + UUID_RE + ")] function says: ").matcher(functionLine);
        assertTrue(m.find(), () -> "no request id in the function's line: " + functionLine);
        return m.group(1);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void payloadRoundTrip() throws Exception {
        String payload = "{\"hello\":\"sdk\",\"n\":7,\"text\":\"ünïcødé ✓\",\"list\":[true,false]}";

        InvokeResponse response = invoke(daemon, lambda, r -> r.functionName("my-function")
                .payload(SdkBytes.fromUtf8String(payload)));

        assertEquals(200, response.statusCode(), "statusCode");
        assertEquals(JSON.readTree(payload), JSON.readTree(response.payload().asUtf8String()), "payload");
        assertEquals("$LATEST", response.executedVersion(), "executedVersion");
        assertNull(response.functionError(), "functionError");
        assertNull(response.logResult(), "logResult without LogType.TAIL");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anyFunctionNameIsServedIncludingAnArn() throws Exception {
        for (String name : List.of("another-function", "function",
                "arn:aws:lambda:us-east-1:012345678912:function:my-function")) {
            String payload = "{\"name\":\"" + name + "\"}";

            InvokeResponse response = invoke(daemon, lambda, r -> r.functionName(name)
                    .payload(SdkBytes.fromUtf8String(payload)));

            assertEquals(200, response.statusCode(), () -> "statusCode for function name " + name);
            assertEquals(JSON.readTree(payload), JSON.readTree(response.payload().asUtf8String()),
                    () -> "payload for function name " + name);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void qualifierLatestIsAccepted() throws Exception {
        String payload = "{\"qualified\":\"" + marker() + "\"}";

        InvokeResponse response = invoke(daemon, lambda, r -> r.functionName("my-function").qualifier("$LATEST")
                .payload(SdkBytes.fromUtf8String(payload)));

        assertEquals(200, response.statusCode(), "statusCode");
        assertEquals(JSON.readTree(payload), JSON.readTree(response.payload().asUtf8String()), "payload");
        assertEquals("$LATEST", response.executedVersion(), "executedVersion");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void clientContextReachesTheRuntimeDecoded() throws Exception {
        String clientContext = "{\"custom\":{\"k\":\"v\"},\"client\":{},\"env\":{}}";

        InvokeResponse response = invoke(daemon, lambda, r -> r.functionName("my-function")
                .clientContext(Base64.getEncoder().encodeToString(clientContext.getBytes(StandardCharsets.UTF_8)))
                .payload(SdkBytes.fromUtf8String("{\"action\":\"client-context\"}")));

        assertEquals(200, response.statusCode(), "statusCode");
        assertEquals(JSON.readTree(clientContext), JSON.readTree(response.payload().asUtf8String()),
                "Lambda-Runtime-Client-Context the runtime got");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void functionErrorIsUnhandledWithTheRuntimesErrorJson() throws Exception {
        InvokeResponse response = invoke(daemon, lambda, r -> r.functionName("my-function")
                .payload(SdkBytes.fromUtf8String("{\"action\":\"fail\"}")));

        assertEquals(200, response.statusCode(), "statusCode");
        assertEquals("Unhandled", response.functionError(), "functionError");
        assertEquals(JSON.readTree("{\"errorMessage\":\"failure requested\",\"errorType\":\"Function.TestFailure\"}"),
                JSON.readTree(response.payload().asUtf8String()), "payload is the runtime's error JSON");

        // and the function keeps serving
        InvokeResponse after = invoke(daemon, lambda, r -> r.functionName("my-function")
                .payload(SdkBytes.fromUtf8String("{\"after\":\"error\"}")));
        assertEquals(200, after.statusCode(), "statusCode after an error");
        assertNull(after.functionError(), "functionError after an error");
        assertEquals(JSON.readTree("{\"after\":\"error\"}"), JSON.readTree(after.payload().asUtf8String()));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void tailLogResultHoldsThisInvokesLogLines() throws Exception {
        String first = "{\"marker\":\"" + marker() + "\"}";
        String second = "{\"marker\":\"" + marker() + "\"}";

        InvokeResponse r1 = invoke(daemon, lambda, r -> r.functionName("my-function").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String(first)));
        InvokeResponse r2 = invoke(daemon, lambda, r -> r.functionName("my-function").logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String(second)));

        for (InvokeResponse response : List.of(r1, r2)) {
            assertEquals(200, response.statusCode(), "statusCode");
            assertTrue(response.logResult() != null && !response.logResult().isEmpty(),
                    () -> "logResult missing with LogType.TAIL: " + response);
        }
        String log1 = new String(Base64.getDecoder().decode(r1.logResult()), StandardCharsets.UTF_8);
        String log2 = new String(Base64.getDecoder().decode(r2.logResult()), StandardCharsets.UTF_8);
        assertTrue(log1.contains("function says: " + first), () -> "first log tail lacks the function's line:\n" + log1);
        assertTrue(log2.contains("function says: " + second), () -> "second log tail lacks the function's line:\n" + log2);
        assertFalse(log2.contains(first), () -> "second log tail holds the first invoke's line:\n" + log2);
        for (String log : List.of(log1, log2)) {
            String id = requestIdOf(log);
            assertTrue(log.contains("END RequestId: " + id), () -> "log tail lacks END for " + id + ":\n" + log);
            assertTrue(log.contains("REPORT RequestId: " + id), () -> "log tail lacks REPORT for " + id + ":\n" + log);
            assertTrue(log.getBytes(StandardCharsets.UTF_8).length <= 4096, () -> "log tail over 4 KB:\n" + log);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void eventInvocationIsAcceptedWith202AndRunsTheFunction() {
        String payload = "{\"event\":\"" + marker() + "\"}";

        InvokeResponse response = invoke(daemon, lambda, r -> r.functionName("my-function")
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(payload)));

        assertEquals(202, response.statusCode(), "statusCode");
        assertEquals("", response.payload() == null ? "" : response.payload().asUtf8String(), "no payload");
        // the function still runs (asynchronously); wait for it to finish before the next test invokes
        String id = requestIdOf(awaitFunctionLine(daemon, payload));
        daemon.awaitStdout(line -> line.startsWith("REPORT RequestId: " + id), Duration.ofSeconds(20));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void dryRunIsAnsweredWith204WithoutRunningTheFunction() throws Exception {
        String dryPayload = "{\"dry\":\"" + marker() + "\"}";

        InvokeResponse response = invoke(daemon, lambda, r -> r.functionName("my-function")
                .invocationType(InvocationType.DRY_RUN)
                .payload(SdkBytes.fromUtf8String(dryPayload)));

        assertEquals(204, response.statusCode(), "statusCode");

        // a later synchronous invoke is served normally, and by then the dry run has not reached the function
        String realPayload = "{\"real\":\"" + marker() + "\"}";
        InvokeResponse real = invoke(daemon, lambda, r -> r.functionName("my-function")
                .payload(SdkBytes.fromUtf8String(realPayload)));
        assertEquals(200, real.statusCode(), "statusCode of the invoke after the dry run");
        assertEquals(JSON.readTree(realPayload), JSON.readTree(real.payload().asUtf8String()));
        awaitFunctionLine(daemon, realPayload);
        assertTrue(daemon.stdout().stream().noneMatch(line -> line.contains(dryPayload)),
                () -> "the dry run reached the function\n" + daemon.describe());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void timeoutIsAnUnhandledSandboxTimedoutError() throws Exception {
        Path own = Files.createDirectories(dir.resolve("timeout"));
        try (Daemon d = startDaemon(own, Map.of("AWS_LAMBDA_FUNCTION_TIMEOUT", "3"));
                LambdaClient client = client(d)) {
            InvokeResponse response = invoke(d, client, r -> r.functionName("my-function")
                    .payload(SdkBytes.fromUtf8String("{\"action\":\"sleep\"}")));

            assertEquals(200, response.statusCode(), "statusCode");
            assertEquals("Unhandled", response.functionError(), "functionError");
            String body = response.payload().asUtf8String();
            JsonNode error = JSON.readTree(body);
            assertEquals("Sandbox.Timedout", error.path("errorType").asText(null), () -> "errorType in " + body);
            String message = error.path("errorMessage").asText("");
            assertTrue(message.matches("RequestId: " + UUID_RE + " Error: Task timed out after 3\\.00 seconds"),
                    () -> "errorMessage in " + body);
            String id = message.substring("RequestId: ".length(), "RequestId: ".length() + 36);
            awaitFunctionLine(d, "{\"action\":\"sleep\"}");
            assertTrue(d.stdout().stream().anyMatch(line -> line.contains("[" + id + "] function says: ")),
                    () -> "the timed-out request id " + id + " is not the one the runtime got\n" + d.describe());

            // the next invoke gets a working (re-initialised) runtime
            InvokeResponse after = invoke(d, client, r -> r.functionName("my-function")
                    .payload(SdkBytes.fromUtf8String("{\"after\":\"timeout\"}")));
            assertEquals(200, after.statusCode(), "statusCode after the timeout");
            assertNull(after.functionError(), "functionError after the timeout");
            assertEquals(JSON.readTree("{\"after\":\"timeout\"}"), JSON.readTree(after.payload().asUtf8String()));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void qualifiedNamesAndArnsAreServedAsTheOneFunction() throws Exception {
        for (String name : List.of("my-function:live", "123456789012:function:my-function:7",
                "arn:aws:lambda:eu-west-1:123456789012:function:my-function:$LATEST")) {
            InvokeResponse response = invoke(daemon, lambda, r -> r.functionName(name)
                    .payload(SdkBytes.fromUtf8String("{\"q\":1}")));
            assertEquals(200, response.statusCode(), name);
            assertEquals("$LATEST", response.executedVersion(), () -> "the version that ran, for " + name);
        }
        InvokeResponse aliased = invoke(daemon, lambda, r -> r.functionName("my-function").qualifier("live")
                .payload(SdkBytes.fromUtf8String("{\"q\":2}")));
        assertEquals(200, aliased.statusCode());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void namesThatBreakLambdasPatternAreTheSdksValidationException() {
        LambdaException bad = assertThrows(LambdaException.class, () -> lambda.invoke(r -> r.functionName("no good!")
                .payload(SdkBytes.fromUtf8String("{}"))));
        assertEquals(400, bad.statusCode());
        assertEquals("ValidationException", bad.awsErrorDetails().errorCode());
        assertTrue(bad.getMessage().contains("Value 'no good!' at 'functionName' failed to satisfy constraint"),
                bad::getMessage);

        InvalidParameterValueException mismatch = assertThrows(InvalidParameterValueException.class,
                () -> lambda.invoke(r -> r.functionName("my-function:v1").qualifier("v2")
                        .payload(SdkBytes.fromUtf8String("{}"))));
        assertEquals(400, mismatch.statusCode());
        // and the function keeps serving
        assertEquals(200, invoke(daemon, lambda, r -> r.functionName("my-function")
                .payload(SdkBytes.fromUtf8String("{}"))).statusCode());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void eventInvokesTakeOneMegabyteAndRequestResponseSix() {
        LambdaException tooLarge = assertThrows(LambdaException.class,
                () -> lambda.invoke(r -> r.functionName("my-function").invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String("\"" + "e".repeat(1_048_576 - 1) + "\""))));
        assertEquals(413, tooLarge.statusCode());
        assertTrue(tooLarge.getMessage().contains("Exceeded maximum allowed payload size (1048576 bytes)."),
                tooLarge::getMessage);

        String fits = "\"" + "e".repeat(1_048_576 - 2) + "\"";
        InvokeResponse accepted = invoke(daemon, lambda, r -> r.functionName("my-function")
                .invocationType(InvocationType.EVENT).payload(SdkBytes.fromUtf8String(fits)));
        assertEquals(202, accepted.statusCode());
        assertNull(accepted.executedVersion(), "no function ran yet: no executed version on a 202");

        String large = "{\"big\":\"" + "r".repeat(2_000_000) + "\"}";
        InvokeResponse sync = invoke(daemon, lambda, r -> r.functionName("my-function")
                .payload(SdkBytes.fromUtf8String(large)));
        assertEquals(200, sync.statusCode(), "RequestResponse keeps its 6 MB");
        assertEquals(large.length(), sync.payload().asUtf8String().length());
    }
}
