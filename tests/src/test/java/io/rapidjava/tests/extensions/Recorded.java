package io.rapidjava.tests.extensions;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Reads what a recording extension (bash {@link ExtScripts#RECORDING_LOOP} or {@link JavaExtension}) saved. */
final class Recorded {

    private Recorded() {
    }

    /** Every event {@code name} has recorded so far ({@code <name>.event-1}, {@code -2}, ... while present). */
    static List<Ext.Saved> events(Daemon d, Path dir, String name) {
        List<Ext.Saved> events = new ArrayList<>();
        for (int n = 1; Files.exists(dir.resolve(name + ".event-" + n + ".status")); n++) {
            events.add(Ext.Saved.await(d, dir, name + ".event-" + n));
        }
        return events;
    }

    /** Waits until {@code name} has recorded an event whose JSON body matches {@code match}. */
    static Ext.Saved awaitEvent(Daemon d, Path dir, String name, Predicate<JsonNode> match, String what) {
        return Await.value(() -> {
            for (Ext.Saved e : events(d, dir, name)) {
                if (e.status() == 200 && match.test(Json.parse(e.body()))) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }, Ext.WAIT, () -> "extension " + name + " never recorded " + what + "; recorded: "
                + events(d, dir, name).stream().map(e -> e.status() + " " + e.body().strip()).toList()
                + "\n" + d.describe());
    }

    static Ext.Saved awaitInvoke(Daemon d, Path dir, String name, String requestId) {
        return awaitEvent(d, dir, name, n -> "INVOKE".equals(n.path("eventType").asText())
                && requestId.equals(n.path("requestId").asText()), "the INVOKE event of " + requestId);
    }

    static Ext.Saved awaitShutdown(Daemon d, Path dir, String name) {
        return awaitEvent(d, dir, name, n -> "SHUTDOWN".equals(n.path("eventType").asText()), "a SHUTDOWN event");
    }

    /** Lines {@code <epoch ms> <type> [<requestId>]} of {@code <name>.events.log}. */
    static List<String> log(Path dir, String name) {
        Path f = dir.resolve(name + ".events.log");
        return Files.exists(f) ? Await.read(f).lines().toList() : List.of();
    }

    /** The epoch ms at which {@code name} logged receiving an event of {@code type} (and request id, if given). */
    static long receivedAt(Daemon d, Path dir, String name, String type, String requestId) {
        return Await.value(() -> log(dir, name).stream()
                        .map(l -> l.split(" "))
                        .filter(p -> p.length >= 2 && p[1].equals(type)
                                && (requestId == null || (p.length >= 3 && p[2].equals(requestId))))
                        .map(p -> Long.parseLong(p[0]))
                        .findFirst(),
                Ext.WAIT, () -> name + " did not log " + type + " " + requestId + ": " + log(dir, name)
                        + "\n" + d.describe());
    }
}
