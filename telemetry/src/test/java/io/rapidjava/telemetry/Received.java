package io.rapidjava.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/** What a test subscriber accepted, batch by batch, in order; tests wait for it with a deadline. */
final class Received {

    private record Waiter(Predicate<List<JsonNode>> condition, CompletableFuture<Void> met) {
    }

    private final List<JsonNode> events = new ArrayList<>();
    private final List<Integer> batchSizes = new ArrayList<>();
    private final List<Waiter> waiters = new ArrayList<>();

    synchronized void add(List<JsonNode> batch) {
        events.addAll(batch);
        batchSizes.add(batch.size());
        waiters.removeIf(w -> w.condition().test(events) && w.met().complete(null));
    }

    synchronized List<JsonNode> events() {
        return List.copyOf(events);
    }

    synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    /** Each event as a short name: a log line's text, else its type. */
    List<String> names() {
        return events().stream().map(Received::name).toList();
    }

    static String name(JsonNode envelope) {
        String type = envelope.path("type").asText();
        return type.equals("function") || type.equals("extension") ? envelope.path("record").asText() : type;
    }

    /** Waits until the events meet the condition (10 s at most). */
    void await(String what, Predicate<List<JsonNode>> condition) throws Exception {
        CompletableFuture<Void> met = new CompletableFuture<>();
        synchronized (this) {
            if (condition.test(events)) {
                return;
            }
            waiters.add(new Waiter(condition, met));
        }
        try {
            met.get(10, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("waited 10 s for " + what + "; got " + names().size() + " events, batches "
                    + batchSizes());
        }
    }

    void awaitCount(int n) throws Exception {
        await(n + " events", events -> events.size() >= n);
    }
}
