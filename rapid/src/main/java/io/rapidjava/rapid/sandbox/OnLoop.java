package io.rapidjava.rapid.sandbox;

import io.vertx.core.Context;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Runs a step on the sandbox's event loop from a virtual thread, and waits for its result. */
final class OnLoop {

    private OnLoop() {
    }

    static <T> T call(Context context, Supplier<T> action) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.runOnContext(v -> {
            try {
                result.complete(action.get());
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.join();
    }
}
