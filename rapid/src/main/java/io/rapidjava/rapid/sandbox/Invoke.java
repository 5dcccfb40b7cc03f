package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.InvocationType;
import io.rapidjava.rendering.Bodies;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One invoke, from the invoker's request to its REPORT line. Lives on the sandbox's event loop; only
 * {@link #log(String)} is called from the process pumps.
 */
public final class Invoke {

    static final String FUNCTION_ERROR = "X-Amz-Function-Error";
    private static final int TAIL_BYTES = 4096;

    final String id;
    final InvocationType type;
    final boolean tail;
    final String traceId;
    final String clientContext;
    final HttpServerRequest request;
    final HttpServerResponse invoker;

    /** The event, from the invoker's request; sent to the runtime and kept until the invoke ends. */
    final Event event;
    /** Whether the event may be sent to the runtime while it still arrives; decided when its reading starts. */
    boolean streamed;

    long takenNanos;
    long deadlineEpochMs;
    long timer = -1;
    boolean started;
    boolean dispatched;
    /** When the runtime came back to {@code next} after this invoke; 0 until then. */
    long runtimeDoneNanos;
    boolean answered;
    boolean finished;
    boolean invokerGone;
    /** Run once when the invoker's connection closes (dequeue it, un-pause a relay waiting on it). */
    Runnable onGone;

    private final StringBuilder logs;
    private Answer deferred;

    /** The status, headers and body the invoker will get; deferred to the REPORT line when Tail logs are asked. */
    record Answer(int status, MultiMap headers, List<Buffer> body) {
    }

    Invoke(String id, InvocationType type, boolean tail, String traceId, String clientContext,
           HttpServerRequest request) {
        this.id = id;
        this.type = type;
        this.tail = tail;
        this.traceId = traceId;
        this.clientContext = clientContext;
        this.request = request;
        this.invoker = type == InvocationType.REQUEST_RESPONSE ? request.response() : null;
        this.event = new Event(request);
        this.logs = tail ? new StringBuilder() : null;
        if (invoker != null) {
            invoker.closeHandler(v -> {
                invokerGone = true;
                if (onGone != null) {
                    onGone.run();
                }
            });
        }
    }

    /** Whether the runtime's response may flow to the invoker as it arrives. */
    boolean canPassThrough() {
        return invoker != null && !tail && !answered && !invokerGone;
    }

    void log(String line) {
        if (logs != null) {
            synchronized (logs) {
                logs.append(line).append('\n');
                if (logs.length() > 4 * TAIL_BYTES) {
                    logs.delete(0, logs.length() - TAIL_BYTES);
                }
            }
        }
    }

    MultiMap headers(String executedVersion) {
        MultiMap h = MultiMap.caseInsensitiveMultiMap();
        h.set("X-Amzn-RequestId", id);
        h.set("X-Amz-Executed-Version", executedVersion);
        return h;
    }

    /** Answers (or, with Tail, prepares the answer) unless the invoker was answered already. */
    void answer(int status, MultiMap headers, List<Buffer> payload) {
        if (answered) {
            return;
        }
        answered = true;
        if (invoker == null || invokerGone) {
            return;
        }
        Answer a = new Answer(status, headers, payload);
        if (tail) {
            deferred = a;
        } else {
            send(a, null);
        }
    }

    void answerFault(Fault fault, String executedVersion) {
        answerFunctionError("application/json", Buffer.buffer(Bodies.invokeFault(fault, id)), executedVersion);
    }

    /** Lambda's answer for a failed invoke: 200 with {@code X-Amz-Function-Error: Unhandled}. */
    void answerFunctionError(String contentType, Buffer body, String executedVersion) {
        MultiMap h = headers(executedVersion);
        h.set("Content-Type", contentType == null || contentType.isEmpty() ? "application/json" : contentType);
        h.set(FUNCTION_ERROR, "Unhandled");
        answer(200, h, List.of(body));
    }

    /** Sends a Tail-deferred answer with the invoke's last 4 KB of logs. */
    void sendDeferred() {
        if (deferred == null || invokerGone) {
            return;
        }
        String text;
        synchronized (logs) {
            text = logs.toString();
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int from = Math.max(0, bytes.length - TAIL_BYTES);
        String encoded = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(bytes, from, bytes.length));
        send(deferred, encoded);
        deferred = null;
    }

    private void send(Answer a, String logResult) {
        HttpServerResponse r = invoker;
        if (r.ended() || r.closed()) {
            return;
        }
        r.setStatusCode(a.status());
        r.headers().setAll(a.headers());
        if (logResult != null) {
            r.putHeader("X-Amz-Log-Result", logResult);
        }
        long length = 0;
        for (Buffer b : a.body()) {
            length += b.length();
        }
        r.putHeader("Content-Length", Long.toString(length));
        for (Buffer b : a.body()) {
            r.write(b);
        }
        r.end();
    }

    /** Whether the event can go to the runtime now: it is all in, or it may be streamed as it arrives. */
    boolean readyToDispatch() {
        return event.complete() || streamed;
    }

    /** Frees the payload once the runtime cannot ask for it again. */
    void releaseBody() {
        event.release();
    }
}
