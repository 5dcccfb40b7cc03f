package io.rapidjava.tests.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Scripts;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A subscription's buffering honoured: {@value #ITEMS} (function lines, maxItems 1000, timeoutMs 100) never gets
 * more than 1000 events in a batch and gets a lone line about timeoutMs after it was written; {@value #BYTES}
 * (platform and function, maxBytes 262144, timeoutMs 30000) never gets a batch much over maxBytes, holds a lone
 * line back, and still gets {@code platform.runtimeDone} at once.
 */
@Timeout(120)
class BufferingTest {

    static final String ITEMS = "items";
    static final String BYTES = "bytes";
    static final int MANY = 2500;
    static final int BIG = 200;
    static final int BIG_LINE = 4000;
    static final int MAX_BYTES = 262_144;
    /** "At once", much less than the 30 s {@value #BYTES} holds a batch for. */
    static final Duration AT_ONCE = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static Daemon daemon;

    @BeforeAll
    static void start() {
        Path ext = Tel.extDir(dir);
        SubscriberConfig.telemetry(ITEMS).types("function").buffering(1000, 1_048_576, 100).install(ext, dir);
        SubscriberConfig.telemetry(BYTES).types("platform,function").buffering(10_000, MAX_BYTES, 30_000)
                .install(ext, dir);
        Path bootstrap = Scripts.runtime(dir, "bootstrap", """
                big="$(printf 'b%%.0s' $(seq 1 %d))"
                while next; do
                  log_line ids.log "$REQUEST_ID $EVENT"
                  case "$EVENT" in
                    many) printf 'many-%%d\\n' $(seq 1 %d) ;;
                    big) for i in $(seq 1 %d); do echo "big-$i-$big"; done ;;
                    hold) echo "lone line of $REQUEST_ID"; wait_for "release-$REQUEST_ID" ;;
                  esac
                  respond "ok:$REQUEST_ID" text/plain
                done
                """.formatted(BIG_LINE, MANY, BIG));
        daemon = Tel.daemon(ext).command(bootstrap.toString()).start();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    static List<String> lines(Received r, String prefix) {
        return r.ofType("function").stream().map(Received.Event::text).filter(t -> t.startsWith(prefix)).toList();
    }

    @Test
    void noBatchHoldsMoreThanMaxItems() {
        daemon.invoke("many");
        Received r = Received.await(daemon, dir, ITEMS, x -> lines(x, "many-").size() >= MANY, MANY + " lines");
        assertEquals(IntStream.rangeClosed(1, MANY).mapToObj(i -> "many-" + i).toList(), lines(r, "many-"),
                "every line once, in order");
        r.batches().forEach(b -> assertTrue(b.size() <= 1000, () -> "a batch of " + b.size() + " events: " + r));
        assertTrue(r.batches().stream().filter(b -> b.stream().anyMatch(e -> e.text().startsWith("many-"))).count()
                >= 3, () -> MANY + " lines in 3 batches at least: " + r);
    }

    @Test
    void noBatchIsMuchLargerThanMaxBytesAndRuntimeDoneIsNotHeldBack() {
        daemon.invoke("big");
        String id = Tel.requestId(daemon, dir, "big");
        Received r = Received.await(daemon, dir, BYTES, x -> lines(x, "big-").size() >= BIG
                && x.first("platform.runtimeDone", e -> id.equals(e.requestId())).isPresent(),
                BIG + " big lines and the platform.runtimeDone of " + id, AT_ONCE);
        assertEquals(IntStream.rangeClosed(1, BIG).mapToObj(i -> "big-" + i + "-" + "b".repeat(BIG_LINE)).toList(),
                lines(r, "big-"), "every line once, in order");
        // a batch closes when it reaches maxBytes: with the event that reached it, and the array around them
        int bound = MAX_BYTES + 2 * BIG_LINE;
        for (int i = 0; i < r.batches().size(); i++) {
            int bytes = r.batchBytes().get(i);
            assertTrue(bytes <= bound, () -> "a batch of " + bytes + " bytes (maxBytes " + MAX_BYTES + "): " + r);
        }
        assertTrue(r.batches().stream().filter(b -> b.stream().anyMatch(e -> e.text().startsWith("big-"))).count()
                >= 3, () -> BIG * BIG_LINE + " bytes of lines in 3 batches at least: " + r);
    }

    @Test
    void aLoneLineArrivesAfterTimeoutMsNotBefore() throws IOException {
        CompletableFuture<HttpResponse<String>> held = Daemon.http().sendAsync(daemon.invokeRequest(
                        HttpRequest.BodyPublishers.ofString("hold", StandardCharsets.UTF_8), Map.of()),
                HttpResponse.BodyHandlers.ofString());
        String id = Tel.requestId(daemon, dir, "hold");
        String lone = "lone line of " + id;

        Received.await(daemon, dir, ITEMS, r -> r.line("function", lone).isPresent(),
                "the lone line (timeoutMs 100) while the invoke runs", AT_ONCE);
        assertFalse(held.isDone(), "the invoke still runs");
        Tel.throughout(Duration.ofMillis(1500), () -> assertTrue(Received.of(dir, BYTES).line("function", lone)
                .isEmpty(), () -> BYTES + " (timeoutMs 30000) holds the lone line back"));

        Files.writeString(dir.resolve("release-" + id), "");
        assertEquals("ok:" + id, held.join().body());
        Received r = Received.await(daemon, dir, BYTES, x -> x.first("platform.runtimeDone",
                e -> id.equals(e.requestId())).isPresent(), "the platform.runtimeDone of " + id, AT_ONCE);
        Received.Event line = r.line("function", lone).orElseThrow(() -> new AssertionError(
                "the lone line goes with platform.runtimeDone: " + r));
        assertTrue(line.index() < r.first("platform.runtimeDone", e -> id.equals(e.requestId())).orElseThrow().index(),
                r::toString);
    }
}
