package io.rapidjava.tests.telemetry;

import io.rapidjava.tests.support.Scripts;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The bash subscriber ({@code src/test/resources/telemetry/bash-subscriber}): curl, and the {@link Listener} run as a
 * program of its own for the batches. It writes what the {@link Subscriber} writes ({@code <name>.batches},
 * {@code <name>.log}); {@code dead} stops its listener once it has subscribed and goes on as an extension.
 */
final class BashSubscriber {

    private BashSubscriber() {
    }

    /** Writes the extension {@code extDir/name}, subscribing to {@code api} with {@code schema} and {@code types}. */
    static Path install(Path extDir, Path out, String name, String api, String schema, List<String> types,
            boolean dead) {
        return install(extDir, out, name, api, schema, types, dead, Tel.java(Listener.class));
    }

    /** The same, with {@code listener} (a bash command taking {@link Listener}'s arguments) for the batches. */
    static Path install(Path extDir, Path out, String name, String api, String schema, List<String> types,
            boolean dead, String listener) {
        String typesJson = types.stream().map(t -> "\"" + t + "\"").collect(Collectors.joining(",", "[", "]"));
        List<String> args = List.of(name, out.toAbsolutePath().toString(), api, schema, typesJson,
                dead ? "dead" : "live");
        return Scripts.bash(extDir, name, "exec bash " + Tel.quote(Tel.resource("bash-subscriber").toString()) + " "
                + args.stream().map(Tel::quote).collect(Collectors.joining(" ")) + " " + listener + "\n");
    }
}
