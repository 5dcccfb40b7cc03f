package io.rapidjava.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.rapidjava.interop.PlatformEvent;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The level of an output line, as AWS documents log-level filtering: INFO unless a valid record says otherwise. */
class ApplicationRecordTest {

    private static RecordLevel level(String text) {
        return ApplicationRecord.of(new PlatformEvent.LogLine(Instant.EPOCH, "function", null, null, text)).level();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"timestamp\":\"2024-11-02T16:51:31.587199Z\",\"level\":\"ERROR\",\"message\":\"x\"} | ERROR",
            "{\"level\": \"debug\", \"msg\": \"my debug log\", \"timestamp\": \"2024-11-02T16:51:31.587199Z\"} | DEBUG",
            "  {\"time\":\"2024-11-02T16:51:31+02:00\",\"level\":\"Warn\"}  | WARN",
            "{\"timestamp\":\"2024-11-02T16:51:31Z\",\"level\":\"TRACE\"} | TRACE",
            "{\"timestamp\":\"2024-11-02T16:51:31Z\",\"level\":\"FATAL\"} | FATAL",
            // no valid timestamp: Lambda assigns INFO whatever the level says
            "{\"level\":\"ERROR\",\"message\":\"x\"} | INFO",
            "{\"timestamp\":\"yesterday\",\"level\":\"ERROR\"} | INFO",
            "{\"timestamp\":1730566291587,\"level\":\"ERROR\"} | INFO",
            // a level that is invalid or missing is INFO
            "{\"timestamp\":\"2024-11-02T16:51:31Z\",\"level\":\"WARNING\"} | INFO",
            "{\"timestamp\":\"2024-11-02T16:51:31Z\",\"level\":3} | INFO",
            "{\"timestamp\":\"2024-11-02T16:51:31Z\"} | INFO",
            // not one JSON object: a plain line
            "{\"timestamp\":\"2024-11-02T16:51:31Z\",\"level\":\"ERROR\"} trailing | INFO",
            "{\"timestamp\":\"2024-11-02T16:51:31Z\",\"level\":\"ERROR\" | INFO",
            "[{\"level\":\"ERROR\"}] | INFO",
            "ERROR something broke | INFO",
    })
    void levelOf(String line, RecordLevel expected) {
        assertEquals(expected, level(line));
    }
}
