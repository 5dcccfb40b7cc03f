package io.rapidjava.tests.telemetry;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A subscriber's own log ({@code <name>.log}): {@code registered <status> <id>}, {@code subscribed <status> <body>},
 * then {@code INVOKE} or {@code SHUTDOWN} per event, across relaunches.
 */
final class SubscriberLog {

    private SubscriberLog() {
    }

    static List<String> lines(Path out, String name) {
        Path file = out.resolve(name + ".log");
        return Files.exists(file) ? Await.read(file).lines().toList() : List.of();
    }

    /** The answers to its subscriptions so far ({@code <status> <body>}). */
    static List<String> subscriptions(Path out, String name) {
        return lines(out, name).stream().filter(l -> l.startsWith("subscribed "))
                .map(l -> l.substring("subscribed ".length())).toList();
    }

    /** Waits until it has subscribed {@code count} times; returns every answer. */
    static List<String> awaitSubscriptions(Daemon d, Path out, String name, int count) {
        Await.until(() -> subscriptions(out, name).size() >= count, Tel.WAIT,
                () -> name + " did not subscribe " + count + " time(s); its log: " + lines(out, name) + "\n"
                        + d.describe());
        return subscriptions(out, name);
    }
}
