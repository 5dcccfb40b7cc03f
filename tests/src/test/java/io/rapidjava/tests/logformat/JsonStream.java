package io.rapidjava.tests.logformat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapidjava.tests.support.Daemon;
import io.rapidjava.tests.support.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The daemon's stdout read as the JSON log stream: every line one {@code {"time","type","record"}} record. */
final class JsonStream {

    static final Duration WAIT = Duration.ofSeconds(20);

    private JsonStream() {
    }

    /** A daemon with the test machine's Lambda variables removed and the JSON log format on. */
    static Daemon.Builder daemon() {
        return Daemon.builder().cleanLambdaEnv().env("AWS_LAMBDA_LOG_FORMAT", "JSON");
    }

    /** Every stdout line so far, each checked to be a record. */
    static List<JsonNode> records(Daemon d) {
        return d.stdout().stream().map(line -> record(line, d)).toList();
    }

    static JsonNode record(String line, Daemon d) {
        JsonNode r = Json.parse(line);
        assertEquals(Set.of("time", "type", "record"), Json.fieldNames(r), () -> "fields of <" + line + ">\n"
                + d.describe());
        assertTrue(r.get("time").isTextual() && r.get("time").asText().matches(
                "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"), () -> "time of <" + line + ">");
        Instant.parse(r.get("time").asText());
        return r;
    }

    /** Waits for the first record of {@code type} (checking every line up to it) and returns its record. */
    static JsonNode await(Daemon d, String type) {
        String line = d.awaitStdout(l -> l.contains("\"type\":\"" + type + "\""), WAIT);
        return record(line, d).get("record");
    }

    static List<String> types(List<JsonNode> records) {
        return records.stream().map(r -> r.get("type").asText()).toList();
    }
}
