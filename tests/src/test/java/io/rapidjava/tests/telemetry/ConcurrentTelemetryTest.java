package io.rapidjava.tests.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Await;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import io.rapidjava.tests.support.Scripts;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The concurrent mode as extensions see it: an external extension may register for SHUTDOWN only (INVOKE is
 * refused in the Extensions API's shape), gets no INVOKE event and holds no invoke back; a Telemetry API subscriber
 * gets the platform events of invokes that overlapped, each with its own request id, in order per invoke, and the
 * init events with initializationType lambda-managed-instances.
 */
@Timeout(120)
class ConcurrentTelemetryTest {

    private static final String SUBSCRIBER = "a-subscriber";
    private static final int N = 3;

    @Test
    void overlappingInvokesAsASubscriberAndAnExtensionSeeThem(@TempDir Path dir) throws Exception {
        Path ext = Tel.extDir(dir);
        Tel.wrapper(ext, SUBSCRIBER, Tel.java(Subscriber.class), List.of("name=" + SUBSCRIBER,
                "out=" + dir.toAbsolutePath(), "api=telemetry", "schema=2025-01-29", "types=platform", "protocol=HTTP",
                "host=sandbox.localdomain", "stall=none", "timeoutMs=25", "events=SHUTDOWN"));
        Scripts.bash(ext, "b-invoke-asker", """
                API="http://${AWS_LAMBDA_RUNTIME_API}/2020-01-01/extension"
                OUT='%s'
                curl -sS -o "$OUT/invoke-asker.body" -w '%%{http_code}' -X POST "$API/register" \\
                  -H "Lambda-Extension-Name: b-invoke-asker" --data-binary '{"events":["INVOKE","SHUTDOWN"]}' \\
                  > "$OUT/.invoke-asker.status" && mv "$OUT/.invoke-asker.status" "$OUT/invoke-asker.status"
                headers="$(mktemp)"
                curl -sS -D "$headers" -o /dev/null -X POST "$API/register" -H "Lambda-Extension-Name: b-invoke-asker" \\
                  --data-binary '{"events":["SHUTDOWN"]}' || exit 1
                id="$(grep -i '^lambda-extension-identifier:' "$headers" | tr -d '\\r' | cut -d' ' -f2)"
                while event="$(curl -sS -H "Lambda-Extension-Identifier: $id" "$API/event/next")"; do
                  printf '%%s\\n' "$event" >> "$OUT/invoke-asker.events"
                  case "$event" in *SHUTDOWN*) exit 0 ;; esac
                done
                """.formatted(dir.toAbsolutePath()));
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                worker() {
                  _RT="$HERE/.rt-$BASHPID"; mkdir -p "$_RT"
                  EVENT_FILE="$_RT/event"; HEADERS_FILE="$_RT/headers"
                  LAST_BODY_FILE="$_RT/last_body"; LAST_HEADERS_FILE="$_RT/last_headers"
                  while next; do
                    put "got-$EVENT" "$REQUEST_ID"
                    while [ "$(ls "$HERE" | grep -c '^got-')" -lt %d ]; do sleep 0.02; done
                    respond "$EVENT" text/plain
                  done
                }
                for i in $(seq 1 "$AWS_LAMBDA_MAX_CONCURRENCY"); do worker & done
                wait
                """.formatted(N));
        try (Daemon d = Tel.daemon(ext).flag("--max-concurrency", Integer.toString(N)).command(bootstrap.toString())
                .start()) {
            assertEquals("403", Await.file(dir.resolve("invoke-asker.status"), Tel.WAIT, d::describe));
            assertEquals(Json.runtimeApiError("Extension.InvalidEventType", "INVOKE: ErrorInvalidEventType"),
                    Await.read(dir.resolve("invoke-asker.body")));
            List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                answers.add(Daemon.http().sendAsync(d.invokeRequest(HttpRequest.BodyPublishers.ofString("e" + i),
                        Map.of()), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < N; i++) {
                // each answer waits until all N events are with a worker: they overlapped
                HttpResponse<String> r = answers.get(i).get(Tel.WAIT.toSeconds(), TimeUnit.SECONDS);
                assertEquals(200, r.statusCode(), r::body);
                assertEquals("e" + i, r.body());
                ids.add(Await.read(dir.resolve("got-e" + i)));
            }
            for (String id : ids) {
                Received r = Received.awaitReport(d, dir, SUBSCRIBER, id);
                List<String> types = r.ofRequest(id).stream().map(Received.Event::type).toList();
                assertEquals(List.of("platform.start", "platform.runtimeDone", "platform.report"), types,
                        () -> id + ": " + r.describe());
                Received.Event report = r.report(id).orElseThrow();
                assertEquals("success", report.record().path("status").asText(), report::toString);
                assertTrue(report.record().path("metrics").path("maxMemoryUsedMB").asInt() > 0, report::toString);
            }
            Received all = Received.of(dir, SUBSCRIBER);
            assertEquals("lambda-managed-instances",
                    all.ofType("platform.initStart").getFirst().record().path("initializationType").asText(),
                    all::describe);
            assertTrue(!Files.exists(dir.resolve("invoke-asker.events")), "an extension got an event mid-invoke");
        }
        String events = Await.file(dir.resolve("invoke-asker.events"), Tel.WAIT, () -> "no SHUTDOWN");
        assertTrue(events.contains("\"eventType\":\"SHUTDOWN\"") && !events.contains("INVOKE"), events);
    }
}
