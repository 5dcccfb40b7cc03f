package io.rapidjava.tests.fuzz;

import io.rapidjava.tests.support.Daemon;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** A normal invoke through the front-end, which must come back with the echoed event in time. */
final class HealthCheck {

    private HealthCheck() {
    }

    /** Empty when the invoke succeeded, else what went wrong. */
    static Optional<String> invoke(Daemon d, String tag, Duration deadline) {
        if (!d.isAlive()) {
            return Optional.of("daemon exited");
        }
        String event = "{\"health\":\"" + tag + "\"}";
        byte[] request = ("POST " + Daemon.INVOKE_PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + event.length() + "\r\n\r\n" + event)
                .getBytes(StandardCharsets.ISO_8859_1);
        Outcome o = Exchange.run(d.invokePort(), request, 1, Ending.KEEP_OPEN, List.of("POST"), deadline);
        if (o.kind() != Outcome.Kind.ANSWERED) {
            return Optional.of("normal invoke " + o.kind() + " after " + o.millis() + " ms " + o.detail() + " " + o.answers());
        }
        Answer a = o.answers().getFirst();
        if (a.status() != 200 || !a.bodyStart().equals(event) || a.head().contains("X-Amz-Function-Error")) {
            return Optional.of("normal invoke answered " + a);
        }
        return Optional.empty();
    }
}
