package io.rapidjava.tests.telemetry;

import static io.rapidjava.tests.telemetry.Tel.WAIT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * One sandbox from init to shutdown as two Java subscriber extensions see it: {@value #LATE} subscribes to every type
 * late in init (once the runtime has printed its init line) and gets the init events replayed; {@value #PLATFORM}
 * subscribes to platform events only, with batches held for 30 s, so what it gets before SHUTDOWN is what the
 * daemon flushed. The SIGTERM test runs last.
 */
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InvokeLifecycleTest {

    static final String LATE = "a-late-subscriber";
    static final String PLATFORM = "b-platform-subscriber";

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        Path ext = Tel.extDir(dir);
        SubscriberConfig.telemetry(LATE).after(dir.resolve("runtime-initialised")).install(ext, dir);
        SubscriberConfig.telemetry(PLATFORM).types("platform").buffering(1000, 262144, 30000).install(ext, dir);
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                echo "init line from the runtime"
                put runtime-initialised yes
                while next; do
                  echo "handling $REQUEST_ID"
                  log_line ids.log "$REQUEST_ID $EVENT"
                  case "$EVENT" in
                    fail) fail Function.Failed '{"errorMessage":"failed on purpose","errorType":"Function.Failed"}' ;;
                    *) respond "ok:$REQUEST_ID" text/plain ;;
                  esac
                done
                """);
        daemon = Tel.daemon(ext).command(bootstrap.toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static Received awaitInitReport(String name) {
        return Received.await(daemon, dir, name, r -> !r.ofType("platform.initReport").isEmpty(),
                "platform.initReport");
    }

    static int index(Received r, String type) {
        return r.ofType(type).getFirst().index();
    }

    @Test
    @Order(1)
    void aLateSubscriberGetsTheInitEventsReplayedInOrder() {
        Received r = awaitInitReport(LATE);
        r.events().forEach(Shapes::envelope);
        assertEquals("platform.initStart", r.events().getFirst().type(), r::toString);
        for (String once : List.of("platform.initStart", "platform.initRuntimeDone", "platform.initReport")) {
            assertEquals(1, r.ofType(once).size(), () -> once + " once: " + r);
        }
        Shapes.initStart(r.ofType("platform.initStart").getFirst(), "init");
        Shapes.initRuntimeDone(r.ofType("platform.initRuntimeDone").getFirst(), "init", "success");
        Shapes.initReport(r.ofType("platform.initReport").getFirst(), "init");
        assertTrue(index(r, "platform.initRuntimeDone") < index(r, "platform.initReport"), r::toString);

        Received.Event subscribed = r.first("platform.telemetrySubscription",
                e -> LATE.equals(e.record().path("name").asText())).orElseThrow(() -> new AssertionError(
                "no platform.telemetrySubscription of " + LATE + ": " + r));
        Shapes.subscription(subscribed, LATE, Set.of("platform", "function", "extension"));
        Received.Event registered = r.first("platform.extension",
                e -> LATE.equals(e.record().path("name").asText())).orElseThrow(() -> new AssertionError(
                "no platform.extension of " + LATE + ": " + r));
        Shapes.extension(registered, LATE);
        assertTrue(subscribed.index() < index(r, "platform.initReport"), r::toString);
        assertTrue(registered.index() < index(r, "platform.initReport"), r::toString);

        Received.Event initLine = r.line("function", "init line from the runtime")
                .orElseThrow(() -> new AssertionError("the runtime's init line is not a function record: " + r));
        assertTrue(initLine.index() > 0, r::toString);
        daemon.awaitStdout(l -> l.equals("init line from the runtime"), WAIT);
    }

    @Test
    @Order(1)
    void theReplayKeepsTheEventsTimes() {
        Shapes.inTimeOrder(awaitInitReport(LATE));
    }

    @Test
    @Order(2)
    void anInvokeIsStartRuntimeDoneReport() {
        HttpResponse<String> answer = daemon.invoke("hello");
        assertEquals(200, answer.statusCode(), answer::body);
        String id = answer.body().substring("ok:".length());
        Received r = Received.awaitReport(daemon, dir, LATE, id);

        List<Received.Event> invoke = r.ofRequest(id);
        assertEquals(List.of("platform.start", "platform.runtimeDone", "platform.report"),
                invoke.stream().map(Received.Event::type).toList(), r::toString);
        invoke.forEach(Shapes::envelope);
        Shapes.start(invoke.get(0), id);
        Shapes.runtimeDone(invoke.get(1), id, "success", null);
        Shapes.answered(invoke.get(1), answer.body().length());
        Shapes.report(invoke.get(2), id, "success", null, true);

        Received.Event line = r.line("function", "handling " + id)
                .orElseThrow(() -> new AssertionError("the runtime's line is not a function record: " + r));
        assertTrue(invoke.get(0).index() < line.index() && line.index() < invoke.get(2).index(),
                () -> "the line between platform.start and platform.report: " + r);
        daemon.awaitStdout(l -> l.equals("handling " + id), WAIT);
    }

    @Test
    @Order(3)
    void aTracedInvokesEventsCarryItsTraceContextAndAnUntracedOnesDoNot() {
        String trace = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        HttpResponse<String> traced = daemon.invoke("traced", Map.of("X-Amzn-Trace-Id", trace));
        HttpResponse<String> untraced = daemon.invoke("untraced", Map.of("X-Amzn-Trace-Id",
                trace.replace("Sampled=1", "Sampled=0")));
        String tracedId = traced.body().substring("ok:".length());
        String untracedId = untraced.body().substring("ok:".length());
        Received r = Received.awaitReport(daemon, dir, LATE, untracedId);

        for (Received.Event e : r.ofRequest(tracedId)) {
            assertEquals("X-Amzn-Trace-Id", e.record().path("tracing").path("type").asText(null), e::toString);
            assertEquals(trace, e.record().path("tracing").path("value").asText(null), e::toString);
        }
        assertEquals(3, r.ofRequest(tracedId).size(), r::toString);
        r.ofRequest(untracedId).forEach(e -> assertTrue(e.record().path("tracing").isMissingNode(), e::toString));
    }

    @Test
    @Order(3)
    void aFunctionErrorIsReportedWithItsType() {
        HttpResponse<String> answer = daemon.invoke("fail");
        assertEquals("Unhandled", answer.headers().firstValue("X-Amz-Function-Error").orElse(null), answer::body);
        String id = Tel.requestId(daemon, dir, "fail");
        Received r = Received.awaitReport(daemon, dir, LATE, id);

        List<Received.Event> invoke = r.ofRequest(id);
        assertEquals(List.of("platform.start", "platform.runtimeDone", "platform.report"),
                invoke.stream().map(Received.Event::type).toList(), r::toString);
        Shapes.runtimeDone(invoke.get(1), id, "error", "Function.Failed");
        Shapes.report(invoke.get(2), id, "error", "Function.Failed", false);
    }

    @Test
    @Order(4)
    void extensionOutputIsAnExtensionRecordAndStaysOnStdout() {
        String line = "subscriber " + LATE + " subscribed 200";
        Received.await(daemon, dir, LATE, r -> r.line("extension", line).isPresent(), "the extension record " + line);
        daemon.awaitStdout(l -> l.equals(line), WAIT);
    }

    @Test
    @Order(5)
    void aPlatformSubscriberGetsPlatformEventsOnly() {
        Received r = awaitInitReport(PLATFORM);
        r.events().forEach(Shapes::envelope);
        assertEquals("platform.initStart", r.events().getFirst().type(), r::toString);
        assertEquals(List.of(), r.events().stream().filter(e -> !e.type().startsWith("platform.")).toList(),
                () -> "only platform events for types [platform]: " + r);
        Shapes.subscription(r.first("platform.telemetrySubscription",
                        e -> PLATFORM.equals(e.record().path("name").asText())).orElseThrow(() -> new AssertionError(
                        "no platform.telemetrySubscription of " + PLATFORM + ": " + r)),
                PLATFORM, Set.of("platform"));
    }

    @Test
    @Order(99)
    void everyPendingBatchIsDeliveredBeforeShutdown() {
        HttpResponse<String> answer = daemon.invoke("last");
        String id = answer.body().substring("ok:".length());
        daemon.signal("TERM");
        assertEquals(0, daemon.awaitExit(Duration.ofSeconds(30)), daemon::describe);

        for (String name : List.of(LATE, PLATFORM)) {
            Received r = Received.of(dir, name);
            assertEquals(1, r.shutdowns().size(), () -> name + " got SHUTDOWN once: " + r);
            Received.Event report = r.report(id).orElseThrow(() -> new AssertionError(
                    name + " never got the last platform.report: " + r));
            assertTrue(report.index() < r.shutdowns().getFirst(),
                    () -> name + ": the last platform.report before SHUTDOWN: " + r);
        }
    }
}
