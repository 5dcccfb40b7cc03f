package io.rapidjava.tests.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscriber whose listener is gone (the bash subscriber stops it once subscribed, and runs on as an extension)
 * beside one whose listener answers its first {@value #REFUSED} deliveries 500: invokes answer as usual, the second
 * gets every event once and in order once its deliveries are retried, and the shutdown is not held up.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeadSubscriberTest {

    static final String DEAD = "dead";
    static final String FLAKY = "flaky";
    static final int REFUSED = 3;
    static final int INVOKES = 20;

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        Path ext = Tel.extDir(dir);
        BashSubscriber.install(ext, dir, DEAD, "telemetry", "2022-12-13", List.of("platform", "function"), true);
        SubscriberConfig.telemetry(FLAKY).failingFirst(REFUSED).install(ext, dir);
        Path bootstrap = Tel.lineRuntime(dir);
        daemon = Tel.daemon(ext).command(bootstrap.toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static String invoke(String event) {
        long sent = System.nanoTime();
        HttpResponse<String> answer = daemon.invoke(event);
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        assertEquals(200, answer.statusCode(), answer::body);
        assertTrue(took.compareTo(Duration.ofSeconds(5)) < 0, () -> "invoke took " + took + "\n" + daemon.describe());
        return answer.body().substring("ok:".length());
    }

    @Test
    @Order(1)
    void invokesAndTheOtherSubscriberAreUnaffected() {
        Await.until(() -> SubscriberLog.lines(dir, DEAD).contains("listener-gone"), Tel.WAIT,
                () -> DEAD + " did not stop its listener: " + SubscriberLog.lines(dir, DEAD) + "\n" + daemon.describe());
        assertEquals(List.of("200 \"OK\""), SubscriberLog.subscriptions(dir, DEAD));
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < INVOKES; i++) {
            ids.add(invoke("event-" + i));
        }

        Received r = Received.awaitReport(daemon, dir, FLAKY, ids.getLast());
        assertEquals(REFUSED, Await.read(dir.resolve(FLAKY + ".batches.refused")).lines().count(),
                "deliveries refused before the first was taken");
        assertEquals("platform.initStart", r.events().getFirst().type(), r::toString);
        Set<String> distinct = new HashSet<>();
        r.events().forEach(e -> assertTrue(distinct.add(e.envelope().toString()), () -> "received twice: " + e));
        Shapes.inTimeOrder(r);
        for (String id : ids) {
            assertEquals(List.of("platform.start", "platform.runtimeDone", "platform.report"),
                    r.ofRequest(id).stream().map(Received.Event::type).toList(), () -> "the events of " + id + ": " + r);
            r.line("function", "line of " + id).orElseThrow(() -> new AssertionError("the line of " + id + ": " + r));
        }
    }

    @Test
    @Order(99)
    void theShutdownIsNotHeldUpByTheDeadSubscriber() {
        String last = invoke("last");
        daemon.signal("TERM");
        assertEquals(0, daemon.awaitExit(Duration.ofSeconds(15)), daemon::describe);
        Received r = Received.of(dir, FLAKY);
        assertEquals(1, r.shutdowns().size(), r::toString);
        Received.Event report = r.report(last).orElseThrow(() -> new AssertionError(
                FLAKY + " never got the last platform.report: " + r));
        assertTrue(report.index() < r.shutdowns().getFirst(), () -> "the last platform.report before SHUTDOWN: " + r);
        assertTrue(SubscriberLog.lines(dir, DEAD).contains("SHUTDOWN"),
                () -> DEAD + " got SHUTDOWN: " + SubscriberLog.lines(dir, DEAD));
    }
}
