package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.InvocationType;
import io.rapidjava.interop.InvokeResult.Outcome;
import io.rapidjava.interop.Limits;
import io.rapidjava.rendering.Bodies;
import io.rapidjava.rendering.ErrorBody;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.WriteStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * One invoke, from its arrival to its REPORT line. Lives on the sandbox's event loop; only {@link #log(String)} is
 * called from the process pumps.
 */
final class Invoke {

    private static final int TAIL_BYTES = 4096;

    final String id;
    final InvocationType type;
    final String traceId;
    final String clientContext;
    final String cognitoIdentity;
    final String version;
    final Invoker invoker;

    /** The event, from the invoker; sent to the runtime and kept until the invoke ends. */
    final Event event;
    /** Whether the event may be sent to the runtime while it still arrives; decided when its reading starts. */
    boolean streamed;

    long takenNanos;
    long deadlineEpochMs;
    long timer = -1;
    /** The START line is out. */
    boolean started;
    /** When the event went to the runtime, when its answer's first byte came, when the runtime was done. */
    long deliveredNanos;
    long firstByteNanos;
    long answeredNanos;
    long producedBytes;
    boolean runtimeDoneEmitted;
    /** When the runtime came back to {@code next} after this invoke; 0 until then. */
    long runtimeDoneNanos;
    /** How long the INVOKE subscribers held the invoke after the runtime was done; null without one. */
    Double extensionOverheadMs;
    /** Run once when the invoker goes away (dequeue it, un-pause a relay waiting on it). */
    Runnable onGone;
    /** Bytes of the sandbox's queue budget this invoke's event holds while it waits. */
    long heldBytes;
    private InvokeStage stage = InvokeStage.WAITING;
    private AnswerState answer = AnswerState.PENDING;
    /** How the invoke failed when the runtime's answer did not say so (REPORT's status and error type). */
    String failedStatus;
    Fault failure;
    /** The error the function itself reported (its runtime's {@code /error}, or error trailers); null if none. */
    String functionErrorType;

    /** The concurrent mode's record of the runtime's answer; null until it posts one. */
    ResponseState responseState;
    private Runnable onAnswered;
    private final StringBuilder logs;
    private Answer deferred;
    /** The answer flowed to an invoker that takes its log tail afterwards. */
    private boolean tailAfterFlow;

    Invoke(Invocation what, String version, Invoker invoker) {
        this.id = what.requestId();
        this.type = what.type();
        this.traceId = what.traceId();
        this.clientContext = what.clientContext();
        this.cognitoIdentity = what.cognitoIdentity();
        this.version = version;
        this.invoker = invoker;
        this.event = new Event(invoker,
                type == InvocationType.EVENT ? Limits.MAX_ASYNC_PAYLOAD_BYTES : Limits.MAX_PAYLOAD_BYTES);
        this.logs = what.tailLogs() && type == InvocationType.REQUEST_RESPONSE ? new StringBuilder() : null;
        invoker.onGone(() -> {
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
        if (to == AnswerState.DONE && onAnswered != null) {
            Runnable then = onAnswered;
            onAnswered = null;
            then.run();
        }
        return true;
    }

    /** Runs {@code then} once the invoker's answer is decided and complete: now, if it is already. */
    void whenAnswered(Runnable then) {
        if (answered()) {
            then.run();
        } else {
            onAnswered = then;
        }
    }

    /** Whether the runtime's response may flow to the invoker as it arrives. */
    boolean canPassThrough() {
        return (logs == null || invoker.tailsFlow()) && answer == AnswerState.PENDING && !invoker.gone();
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

    /** The runtime's answer starts to flow to the invoker (chunked when of unknown length). */
    WriteStream<Buffer> relayStarted(String contentType, long length) {
        answer(AnswerState.FLOWING);
        tailAfterFlow = logs != null;
        return invoker.open(new Answer(id, version, Outcome.SUCCESS, 200, null, contentType, List.of(), null), length);
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

    /** Ends an answer that is already flowing with an error; the invoker never sees a complete-looking answer. */
    void failRelay(ErrorType type, Buffer body) {
        if (answer != AnswerState.FLOWING) {
            return;
        }
        answer(AnswerState.DONE);
        if (!invoker.gone()) {
            invoker.failFlow(type.name(), body);
        }
    }

    /** Answers (or, with Tail, prepares the answer) unless the invoker was answered already. */
    void answer(Answer a) {
        if (answer != AnswerState.PENDING) {
            return;
        }
        answer(AnswerState.DONE);
        if (invoker.gone()) {
            return;
        }
        if (logs != null) {
            deferred = a;
        } else {
            invoker.answer(a);
        }
    }

    /** {@code 202} for an {@code Event} invoke whose event is in. */
    void accepted() {
        answer(new Answer(id, version, Outcome.ACCEPTED, 202, null, null, List.of(), null));
    }

    /** A refusal in Lambda's error shape, or the end of an answer already flowing. */
    void refuse(int status, String errorType, String message) {
        refuse(status, errorType, new ErrorBody(message, errorType).bytes());
    }

    void refuse(int status, String errorType, byte[] body) {
        if (relayOpen()) {
            failRelay(new ErrorType(errorType), Buffer.buffer(body));
            return;
        }
        answer(new Answer(id, version, Outcome.REFUSED, status, errorType, "application/json",
                List.of(Buffer.buffer(body)), null));
        sendDeferred();
    }

    /** A platform-detected failure: a normal error answer, or the end of an answer already flowing. */
    void answerFault(Fault fault) {
        Buffer body = Buffer.buffer(Bodies.invokeFault(fault, id));
        if (relayOpen()) {
            failRelay(fault.type(), body);
            return;
        }
        answerFunctionError(fault.type().name(), "application/json", body);
    }

    /** Lambda's answer for a failed invoke: 200, marked as the function's error. */
    void answerFunctionError(String errorType, String contentType, Buffer body) {
        answer(new Answer(id, version, Outcome.FUNCTION_ERROR, 200, errorType,
                contentType == null || contentType.isEmpty() ? "application/json" : contentType, List.of(body), null));
    }

    /** The function's own answer, gathered whole. */
    void answerSuccess(String contentType, List<Buffer> body) {
        answer(new Answer(id, version, Outcome.SUCCESS, 200, null, contentType, body, null));
    }

    /** Sends a Tail-deferred answer, or the tail of an answer that flowed, with the invoke's last 4 KB of logs. */
    void sendDeferred() {
        if ((deferred == null && !tailAfterFlow) || invoker.gone()) {
            return;
        }
        String text;
        synchronized (logs) {
            text = logs.toString();
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        byte[] tail = Arrays.copyOfRange(bytes, Math.max(0, bytes.length - TAIL_BYTES), bytes.length);
        if (deferred != null) {
            invoker.answer(deferred.withLogTail(tail));
            deferred = null;
        } else {
            tailAfterFlow = false;
            invoker.logTail(tail);
        }
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
