package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.InvocationType;
import io.rapidjava.interop.Limits;
import io.rapidjava.rapid.http.InvokerAnswers;
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
    static final String TRAILER_ERROR_TYPE = "Lambda-Runtime-Function-Error-Type";
    static final String TRAILER_ERROR_BODY = "Lambda-Runtime-Function-Error-Body";
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
    /** The START line is out. */
    boolean started;
    /** When the runtime came back to {@code next} after this invoke; 0 until then. */
    long runtimeDoneNanos;
    boolean invokerGone;
    /** Run once when the invoker's connection closes (dequeue it, un-pause a relay waiting on it). */
    Runnable onGone;
    /** Bytes of the sandbox's queue budget this invoke's event holds while it waits. */
    long heldBytes;
    private InvokeStage stage = InvokeStage.WAITING;
    private AnswerState answer = AnswerState.PENDING;
    /** A flowing answer is chunked (else of the runtime's Content-Length). */
    private boolean relayChunked;
    /** How the invoke failed when the runtime's answer did not say so (REPORT's status and error type). */
    String failedStatus;
    Fault failure;

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
        this.invoker = request.response();
        this.event = new Event(request,
                type == InvocationType.EVENT ? Limits.MAX_ASYNC_PAYLOAD_BYTES : Limits.MAX_PAYLOAD_BYTES);
        this.logs = tail && type == InvocationType.REQUEST_RESPONSE ? new StringBuilder() : null;
        request.response().closeHandler(v -> {
            invokerGone = true;
            event.invokerGone();
            if (onGone != null) {
                onGone.run();
            }
        });
    }

    /** Moves the invoke on when {@link InvokeStage#allows} it; false (and no change) otherwise. */
    boolean moveTo(InvokeStage to) {
        if (!stage.allows(to)) {
            return false;
        }
        stage = to;
        return true;
    }

    InvokeStage stage() {
        return stage;
    }

    boolean delivered() {
        return stage == InvokeStage.DELIVERED;
    }

    boolean finished() {
        return stage == InvokeStage.FINISHED;
    }

    /** Whether the invoker's answer is decided and complete (not pending, not still flowing). */
    boolean answered() {
        return answer == AnswerState.DONE;
    }

    /** Nobody is left to answer (the invoker went away, or had its own refusal): no answer will be made. */
    void answerGivenUp() {
        answer(AnswerState.DONE);
    }

    private boolean answer(AnswerState to) {
        if (!answer.allows(to)) {
            return false;
        }
        answer = to;
        return true;
    }

    /** Whether the runtime's response may flow to the invoker as it arrives. */
    boolean canPassThrough() {
        return logs == null && answer == AnswerState.PENDING && !invokerGone;
    }

    /** Whether the invoker asked for its log tail. */
    boolean tailed() {
        return logs != null;
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
        return InvokerAnswers.headers(id, executedVersion);
    }

    /** The runtime's answer starts to flow to the invoker (chunked, or with the runtime's Content-Length). */
    void relayStarted(boolean chunked) {
        answer(AnswerState.FLOWING);
        relayChunked = chunked;
    }

    void relayEnded() {
        answer(AnswerState.DONE);
    }

    /** Whether the runtime's answer is still flowing to the invoker. */
    boolean relayOpen() {
        return answer == AnswerState.FLOWING;
    }

    /** Records how the invoke failed, for REPORT and for an invoker not answered yet; the first cause wins. */
    void failedAs(String status, Fault fault) {
        if (failedStatus == null) {
            failedStatus = status;
            failure = fault;
        }
    }

    /**
     * Ends an answer that is already flowing with an error: a chunked one with Lambda's error trailers, one of
     * known length by closing the connection (the invoker sees it cut short, never a complete-looking answer).
     */
    void failRelay(ErrorType type, Buffer body) {
        if (answer != AnswerState.FLOWING) {
            return;
        }
        answer(AnswerState.DONE);
        if (invokerGone || invoker.ended() || invoker.closed()) {
            return;
        }
        if (relayChunked) {
            invoker.trailers().set(TRAILER_ERROR_TYPE, type.name());
            invoker.trailers().set(TRAILER_ERROR_BODY, Base64.getEncoder().encodeToString(body.getBytes()));
            invoker.trailers().set(FUNCTION_ERROR, "Unhandled");
            invoker.end();
        } else {
            invoker.reset();
        }
    }

    /** Answers (or, with Tail, prepares the answer) unless the invoker was answered already. */
    void answer(int status, MultiMap headers, List<Buffer> payload) {
        if (answer != AnswerState.PENDING) {
            return;
        }
        answer(AnswerState.DONE);
        if (invokerGone) {
            return;
        }
        Answer a = new Answer(status, headers, payload);
        if (logs != null) {
            deferred = a;
        } else {
            send(a, null);
        }
    }

    /** A refusal in Lambda's error shape, or the end of an answer already flowing. */
    void refuse(int status, String errorType, byte[] body, String executedVersion) {
        if (relayOpen()) {
            failRelay(new ErrorType(errorType), Buffer.buffer(body));
            return;
        }
        MultiMap h = headers(executedVersion);
        h.set("Content-Type", "application/json");
        h.set(InvokerAnswers.ERROR_TYPE, errorType);
        answer(status, h, List.of(Buffer.buffer(body)));
        sendDeferred();
    }

    /** A platform-detected failure: a normal error answer, or the end of an answer already flowing. */
    void answerFault(Fault fault, String executedVersion) {
        Buffer body = Buffer.buffer(Bodies.invokeFault(fault, id));
        if (relayOpen()) {
            failRelay(fault.type(), body);
            return;
        }
        answerFunctionError("application/json", body, executedVersion);
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
        InvokerAnswers.send(request, a.status(), a.headers(), a.body(), logResult);
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
