package io.rapidjava.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutageTest {

    private final List<String> warnings = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final Outage outage = new Outage("http://127.0.0.1:4318/v1/metrics", warnings::add, infos::add);

    @Test
    void oneLineWhenAnOutageStartsAndOneWhenItEnds() {
        outage.delivered();
        for (int i = 0; i < 5; i++) {
            outage.failed("ConnectException");
        }
        outage.delivered();
        outage.delivered();
        outage.failed("HTTP 503 unavailable");
        outage.delivered();

        assertEquals(2, warnings.size(), warnings::toString);
        assertTrue(warnings.getFirst().contains("ConnectException") && warnings.getFirst().contains("127.0.0.1:4318"),
                warnings::toString);
        assertTrue(warnings.get(1).contains("HTTP 503"), warnings::toString);
        assertEquals(List.of(
                "OTLP collector http://127.0.0.1:4318/v1/metrics takes the metrics again, after 5 failed pushes",
                "OTLP collector http://127.0.0.1:4318/v1/metrics takes the metrics again, after 1 failed push"), infos);
    }
}
