package io.rapidjava.tests.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaAsyncClient;
import software.amazon.awssdk.services.lambda.model.InvokeResponseStreamUpdate;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamCompleteEvent;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamRequest;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponse;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseEvent;
import software.amazon.awssdk.services.lambda.model.InvokeWithResponseStreamResponseHandler;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.lambda.model.LogType;

/**
 * The AWS SDK for Java v2 async client's {@code invokeWithResponseStream}, unmodified, decoding the daemon's event
 * stream with its own decoder: a streaming runtime's chunks arrive before it ends, a buffered function answers
 * through it too, and a function error, a timeout mid-stream and the Tail log come in {@code InvokeComplete}.
 */
@Timeout(120)
class SdkStreamingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * "stream": chunk-1, then (once the test creates go-file) chunk-2, streamed; "fail": /error; "stall": one chunk,
     * then past the 3 s timeout; anything else: echoed, buffered.
     */
    private static final String RUNTIME = """
            stream() {
              curl -sS -o /dev/null -X POST -T - -H 'Transfer-Encoding: chunked' \\
                -H 'Lambda-Runtime-Function-Response-Mode: streaming' -H 'Content-Type: text/plain' -H 'Expect:' \\
                "$API/runtime/invocation/$REQUEST_ID/response"
            }
            while next; do
              echo "function says: $EVENT"
              case "$EVENT" in
                '"stream:'*)
                  gate="${EVENT#\\"stream:}"; gate="${gate%\\"}"
                  { printf 'chunk-1|'; wait_for "$gate"; printf 'chunk-2|end'; } | stream ;;
                '"fail"')
                  fail Function.TestFailure '{"errorMessage":"failure requested","errorType":"Function.TestFailure"}' ;;
                '"stall"')
                  { printf 'only-chunk|'; sleep 10; } | stream ;;
                *)
                  respond_file "$EVENT_FILE" ;;
              esac
            done
            """;

    @TempDir
    static Path dir;

    private static Daemon daemon;
    private static LambdaAsyncClient lambda;

    @BeforeAll
    static void start() {
        daemon = Daemon.builder().cleanLambdaEnv().env("AWS_LAMBDA_FUNCTION_TIMEOUT", "3")
                .command(Scripts.runtime(dir, "bootstrap", RUNTIME).toString()).start();
        lambda = LambdaAsyncClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + daemon.invokePort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "y")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofSeconds(60))
                        .retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
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

    /** One call: its response, its events as they come, and its end. */
    private record Call(AtomicReference<InvokeWithResponseStreamResponse> response,
                        BlockingQueue<InvokeWithResponseStreamResponseEvent> events, CompletableFuture<Void> done) {

        InvokeWithResponseStreamResponseEvent next() throws InterruptedException {
            InvokeWithResponseStreamResponseEvent e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (e == null) {
                throw new AssertionError("no event within " + WAIT + "\n" + daemon.describe());
            }
            return e;
        }

        /** Every event up to the stream's end. */
        List<InvokeWithResponseStreamResponseEvent> rest() throws Exception {
            done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            List<InvokeWithResponseStreamResponseEvent> all = new ArrayList<>();
            events.drainTo(all);
            return all;
        }
    }

    private static Call call(InvokeWithResponseStreamRequest request) {
        AtomicReference<InvokeWithResponseStreamResponse> response = new AtomicReference<>();
        BlockingQueue<InvokeWithResponseStreamResponseEvent> events = new LinkedBlockingQueue<>();
        CompletableFuture<Void> done = lambda.invokeWithResponseStream(request,
                InvokeWithResponseStreamResponseHandler.builder()
                        .onResponse(response::set)
                        .onEventStream(publisher -> publisher.subscribe(events::add))
                        .build());
        return new Call(response, events, done);
    }

    private static InvokeWithResponseStreamRequest request(String event, LogType logType) {
        return InvokeWithResponseStreamRequest.builder().functionName("my-function").logType(logType)
                .payload(SdkBytes.fromUtf8String(event)).build();
    }

    private static String chunk(InvokeWithResponseStreamResponseEvent e) {
        assertTrue(e instanceof InvokeResponseStreamUpdate, () -> "a PayloadChunk, not " + e);
        return ((InvokeResponseStreamUpdate) e).payload().asUtf8String();
    }

    private static InvokeWithResponseStreamCompleteEvent complete(List<InvokeWithResponseStreamResponseEvent> rest) {
        InvokeWithResponseStreamResponseEvent last = rest.getLast();
        assertTrue(last instanceof InvokeWithResponseStreamCompleteEvent, () -> "InvokeComplete last, not " + rest);
        return (InvokeWithResponseStreamCompleteEvent) last;
    }

    @Test
    void chunksArriveBeforeTheRuntimeEnds() throws Exception {
        Path gate = dir.resolve("go-" + System.nanoTime());
        Call c = call(request("\"stream:" + gate.getFileName() + "\"", LogType.NONE));

        assertEquals("chunk-1|", chunk(c.next()), "the first chunk, while the runtime holds back the second");
        assertFalse(Files.exists(gate));
        assertEquals(200, c.response().get().sdkHttpResponse().statusCode());
        assertEquals("$LATEST", c.response().get().executedVersion());
        assertEquals("application/vnd.amazon.eventstream", c.response().get().responseStreamContentType());
        Files.createFile(gate);

        List<InvokeWithResponseStreamResponseEvent> rest = c.rest();
        StringBuilder text = new StringBuilder();
        rest.subList(0, rest.size() - 1).forEach(e -> text.append(chunk(e)));
        assertEquals("chunk-2|end", text.toString());
        InvokeWithResponseStreamCompleteEvent end = complete(rest);
        assertNull(end.errorCode());
        assertNull(end.errorDetails());
        assertNull(end.logResult(), "no Tail asked");
    }

    @Test
    void aBufferedFunctionAnswersThroughTheStreamWithItsTailLog() throws Exception {
        String event = "{\"buffered\":\"" + System.nanoTime() + "\"}";
        Call c = call(request(event, LogType.TAIL));
        List<InvokeWithResponseStreamResponseEvent> rest = c.rest();
        StringBuilder text = new StringBuilder();
        rest.subList(0, rest.size() - 1).forEach(e -> text.append(chunk(e)));
        assertEquals(JSON.readTree(event), JSON.readTree(text.toString()));
        InvokeWithResponseStreamCompleteEvent end = complete(rest);
        assertNull(end.errorCode());
        String log = new String(Base64.getDecoder().decode(end.logResult()), StandardCharsets.UTF_8);
        assertTrue(log.contains("function says: " + event), log);
        assertTrue(log.contains("REPORT RequestId: "), log);
    }

    @Test
    void aFunctionErrorIsInInvokeCompleteWithTheLog() throws Exception {
        Call c = call(request("\"fail\"", LogType.TAIL));
        List<InvokeWithResponseStreamResponseEvent> rest = c.rest();
        assertEquals(1, rest.size(), () -> "InvokeComplete alone: " + rest);
        InvokeWithResponseStreamCompleteEvent end = complete(rest);
        assertEquals("Function.TestFailure", end.errorCode());
        assertEquals(JSON.readTree("{\"errorMessage\":\"failure requested\",\"errorType\":\"Function.TestFailure\"}"),
                JSON.readTree(end.errorDetails()));
        String log = new String(Base64.getDecoder().decode(end.logResult()), StandardCharsets.UTF_8);
        assertTrue(log.contains("function says: \"fail\""), log);
        assertTrue(log.contains("REPORT RequestId: "), log);
    }

    @Test
    void aTimeoutMidStreamEndsItWithTheTimeoutInInvokeComplete() throws Exception {
        Call c = call(request("\"stall\"", LogType.TAIL));
        assertEquals("only-chunk|", chunk(c.next()));
        List<InvokeWithResponseStreamResponseEvent> rest = c.rest();
        InvokeWithResponseStreamCompleteEvent end = complete(rest);
        assertEquals("Sandbox.Timedout", end.errorCode(), () -> rest.toString());
        assertTrue(end.errorDetails().contains("Task timed out after 3.00 seconds"), end::errorDetails);
        String log = new String(Base64.getDecoder().decode(end.logResult()), StandardCharsets.UTF_8);
        assertTrue(log.contains("Status: timeout"), log);
    }

    @Test
    void aBadFunctionNameIsTheSdksValidationError() {
        CompletableFuture<Void> done = call(InvokeWithResponseStreamRequest.builder().functionName("no good")
                .payload(SdkBytes.fromUtf8String("{}")).build()).done();
        Throwable cause = assertThrowsCause(done);
        assertTrue(cause instanceof LambdaException, cause::toString);
        LambdaException e = (LambdaException) cause;
        assertEquals(400, e.statusCode());
        assertEquals("ValidationException", e.awsErrorDetails().errorCode());
        assertTrue(e.getMessage().contains("at 'functionName' failed to satisfy constraint"), e::getMessage);
    }

    private static Throwable assertThrowsCause(CompletableFuture<Void> done) {
        try {
            done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the call succeeded");
    }
}
