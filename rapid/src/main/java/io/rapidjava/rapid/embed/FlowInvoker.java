package io.rapidjava.rapid.embed;

import io.rapidjava.interop.InvokeResult;
import io.rapidjava.interop.Payload;
import io.rapidjava.interop.PayloadError;
import io.rapidjava.rapid.sandbox.Answer;
import io.rapidjava.rapid.sandbox.Invoker;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * An invoke from an embedding host: its event is the host's payload, its answer the result the host awaits (with a
 * payload still flowing when the runtime streams). Cancelling the result is the host going away.
 */
final class FlowInvoker implements Invoker {

    private final Context context;
    private final Payload payload;
    private final PayloadStream event;
    private final CompletableFuture<InvokeResult> result = new CompletableFuture<>();
    private AnswerStream flowing;

    FlowInvoker(Context context, Payload payload) {
        this.context = context;
        this.payload = payload;
        this.event = new PayloadStream(context, payload);
    }

    CompletableFuture<InvokeResult> result() {
        return result;
    }

    @Override
    public ReadStream<Buffer> event() {
        return event;
    }

    @Override
    public long declaredLength() {
        return payload.length();
    }

    @Override
    public boolean gone() {
        return result.isCancelled();
    }

    @Override
    public void onGone(Runnable then) {
        result.whenComplete((r, e) -> {
            if (result.isCancelled()) {
                context.runOnContext(v -> then.run());
            }
        });
    }

    @Override
    public void answer(Answer a) {
        Buffer all = Buffer.buffer((int) a.length());
        a.body().forEach(all::appendBuffer);
        result.complete(result(a, Payload.of(all.getBytes())));
    }

    @Override
    public AnswerStream open(Answer head, long length) {
        flowing = new AnswerStream(context, length);
        result.complete(result(head, flowing));
        return flowing;
    }

    @Override
    public void failFlow(String errorType, Buffer body) {
        if (flowing != null) {
            flowing.fail(new PayloadError(errorType, body.getBytes()));
        }
    }

    @Override
    public void drop() {
        event.cancel();
    }

    private static InvokeResult result(Answer a, Payload payload) {
        return new InvokeResult(a.requestId(), a.outcome(), a.status(), a.errorType(), a.contentType(), payload,
                a.logTail() == null ? null : new String(a.logTail(), StandardCharsets.UTF_8));
    }
}
