package io.rapidjava.tests.telemetry;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * What a subscriber received so far, read from its {@code <name>.batches}: every batch in arrival order (its
 * events, its size on the wire) and where it was told SHUTDOWN. Events are numbered across batches.
 */
final class Received {

    /** One envelope: its place in the subscriber's stream, its batch, and the envelope itself. */
    record Event(int index, int batch, String time, String type, JsonNode record, JsonNode envelope) {

        String requestId() {
            return record.path("requestId").asText(null);
        }

        /** The text of a log line record ({@code function}, {@code extension}), without its line end. */
        String text() {
            return record.isTextual() ? record.asText().stripTrailing() : record.toString();
        }

        @Override
        public String toString() {
            return "#" + index + " " + envelope;
        }
    }

    /** How many batches {@link #describe} shows at each end of a long stream. */
    private static final int DESCRIBED = 40;

    private final String name;
    private final List<List<Event>> batches = new ArrayList<>();
    private final List<Integer> batchBytes = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final List<Integer> shutdowns = new ArrayList<>();

    private Received(String name, List<String> lines) {
        this.name = name;
        for (String line : lines) {
            if (line.equals("SHUTDOWN")) {
                shutdowns.add(events.size());
                continue;
            }
            JsonNode batch = Json.parse(line);
            if (!batch.isArray()) {
                throw new AssertionError(name + " received a batch that is not a JSON array: " + line);
            }
            List<Event> these = new ArrayList<>();
            for (JsonNode envelope : batch) {
                Event e = new Event(events.size(), batches.size(), envelope.path("time").asText(null),
                        envelope.path("type").asText(null), envelope.path("record"), envelope);
                these.add(e);
                events.add(e);
            }
            batches.add(these);
            batchBytes.add(line.getBytes(StandardCharsets.UTF_8).length);
        }
    }

    /** What {@code name} received into {@code out} so far (complete lines only). */
    static Received of(Path out, String name) {
        Path file = out.resolve(name + ".batches");
        if (!Files.exists(file)) {
            return new Received(name, List.of());
        }
        String content = Await.read(file);
        return new Received(name, content.substring(0, content.lastIndexOf('\n') + 1).lines().toList());
    }

    /** Waits until what {@code name} received satisfies {@code done}; fails with {@code what} and the stream. */
    static Received await(Daemon d, Path out, String name, Predicate<Received> done, String what, Duration timeout) {
        return await(d, out, name, done, what, timeout, () -> true);
    }

    /** Like the others, parsing what arrived only when {@code worthParsing} says so (a large stream is slow to). */
    private static Received await(Daemon d, Path out, String name, Predicate<Received> done, String what,
            Duration timeout, BooleanSupplier worthParsing) {
        return Await.value(() -> worthParsing.getAsBoolean() ? Optional.of(of(out, name)).filter(done)
                        : Optional.empty(), timeout,
                () -> name + " never received " + what + "; its log: " + SubscriberLog.lines(out, name)
                        + "; received:\n" + of(out, name).describe() + "\n" + d.describe());
    }

    static Received await(Daemon d, Path out, String name, Predicate<Received> done, String what) {
        return await(d, out, name, done, what, Tel.WAIT);
    }

    /** Waits for the {@code platform.report} of {@code requestId} (parsing only once the id is in the file). */
    static Received awaitReport(Daemon d, Path out, String name, String requestId) {
        Path file = out.resolve(name + ".batches");
        return await(d, out, name, r -> r.report(requestId).isPresent(), "the platform.report of " + requestId,
                Tel.WAIT, () -> Files.exists(file) && Await.read(file).contains(requestId));
    }

    List<Event> events() {
        return events;
    }

    List<List<Event>> batches() {
        return batches;
    }

    /** The size of each batch's body, in bytes. */
    List<Integer> batchBytes() {
        return batchBytes;
    }

    /** For each SHUTDOWN received, how many events had arrived before it. */
    List<Integer> shutdowns() {
        return shutdowns;
    }

    List<Event> ofType(String type) {
        return events.stream().filter(e -> type.equals(e.type())).toList();
    }

    List<String> types() {
        return events.stream().map(Event::type).toList();
    }

    /** The {@code platform.*} events whose record names {@code requestId}, in order. */
    List<Event> ofRequest(String requestId) {
        return events.stream().filter(e -> e.type().startsWith("platform.") && requestId.equals(e.requestId()))
                .toList();
    }

    Optional<Event> first(String type, Predicate<Event> match) {
        return events.stream().filter(e -> type.equals(e.type()) && match.test(e)).findFirst();
    }

    Optional<Event> report(String requestId) {
        return first("platform.report", e -> requestId.equals(e.requestId()));
    }

    /** The first log line record of {@code type} ({@code function}, {@code extension}) whose text is {@code text}. */
    Optional<Event> line(String type, String text) {
        return first(type, e -> e.text().equals(text));
    }

    /** One line per batch (its events' types), for failure messages. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < batches.size(); i++) {
            if (i == DESCRIBED && batches.size() > 2 * DESCRIBED) {
                sb.append("  ...\n");
                i = batches.size() - DESCRIBED;
            }
            sb.append("  batch ").append(i).append(" (").append(batchBytes.get(i)).append(" B): ");
            batches.get(i).forEach(e -> sb.append(e.type()).append(e.type().startsWith("platform.")
                    ? " " + shorten(e.record().toString()) : " " + shorten(e.text())).append("; "));
            sb.append('\n');
        }
        sb.append("  SHUTDOWN after events ").append(shutdowns);
        return sb.toString();
    }

    private static String shorten(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "...<" + s.length() + ">" : s;
    }

    @Override
    public String toString() {
        return name + ":\n" + describe();
    }
}
