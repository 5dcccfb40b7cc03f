package io.rapidjava.rapid.sandbox;

import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.Limits;
import io.rapidjava.rapid.Log;
import io.vertx.core.buffer.Buffer;

/**
 * A runtime's {@code POST /runtime/invocation/{id}/error} once it was allowed: its body read (bounded), the runtime
 * answered, and the invoker given the function's error. The same in both modes; {@link AnswerSide} says where the
 * answer is recorded as sent.
 */
final class ErrorReport {

    private static final String ERROR_CAUSE_JSON = "application/vnd.aws.lambda.error.cause+json";

    private ErrorReport() {
    }

    static void relay(Sandbox sandbox, Invoke inv, AnswerSide side, String reportedType, RuntimePost post) {
        ErrorType type = ErrorType.fromRuntime(reportedType);
        Bounded.read(post.body(), post.declaredLength(), Limits.MAX_PAYLOAD_BYTES).onComplete(ar -> {
            if (side.gone()) {
                side.late(post);
                return;
            }
            if (ar.failed()) {
                boolean tooLarge = ar.cause() instanceof Bounded.TooLarge;
                post.reply(tooLarge ? RuntimeReply.tooLarge(Limits.MAX_PAYLOAD_BYTES) : RuntimeReply.TRUNCATED);
                post.discardRest();
                side.sent();
                Fault fault = Fault.of(tooLarge ? ErrorType.FUNCTION_RESPONSE_SIZE_TOO_LARGE
                        : ErrorType.RUNTIME_TRUNCATED_RESPONSE, tooLarge
                        ? "Error payload exceeded maximum allowed payload size (" + Limits.MAX_PAYLOAD_BYTES + " bytes)."
                        : "the runtime's error body ended before it was complete");
                sandbox.invokes.runtimeDone(inv, "error", fault.type().name());
                inv.answerFault(fault);
                return;
            }
            Buffer body = ar.result();
            String contentType = post.contentType();
            if (ERROR_CAUSE_JSON.equals(contentType)) {
                body = ErrorCause.withoutCause(body);
                contentType = "application/json";
            }
            post.reply(RuntimeReply.ACCEPTED);
            side.sent();
            Log.debug("Invoke " + inv.id + " failed with " + type);
            inv.producedBytes = body.length();
            inv.functionErrorType = type.name();
            sandbox.invokes.runtimeDone(inv, "error", type.name());
            inv.answerFunctionError(type.name(), contentType, body);
        });
    }
}
