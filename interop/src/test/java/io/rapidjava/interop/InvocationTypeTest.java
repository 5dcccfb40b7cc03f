package io.rapidjava.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class InvocationTypeTest {

    @ParameterizedTest
    @NullAndEmptySource
    void absentHeaderIsRequestResponse(String header) {
        assertEquals(Optional.of(InvocationType.REQUEST_RESPONSE), InvocationType.parse(header));
    }

    @Test
    void knownValues() {
        assertEquals(Optional.of(InvocationType.REQUEST_RESPONSE), InvocationType.parse("RequestResponse"));
        assertEquals(Optional.of(InvocationType.EVENT), InvocationType.parse("Event"));
        assertEquals(Optional.of(InvocationType.DRY_RUN), InvocationType.parse("DryRun"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"event", "EVENT", "dryrun", "DRYRUN", "requestresponse", "Event ", " Event",
            "Async", "Sync", "RequestResponse,Event", "Dry Run"})
    void unknownOrDifferentlyCasedValuesAreEmpty(String header) {
        assertTrue(InvocationType.parse(header).isEmpty(), header);
    }

    @Test
    void wireNames() {
        assertEquals("RequestResponse", InvocationType.REQUEST_RESPONSE.wire());
        assertEquals("Event", InvocationType.EVENT.wire());
        assertEquals("DryRun", InvocationType.DRY_RUN.wire());
    }

    @Test
    void wireNameRoundTrips() {
        for (InvocationType t : InvocationType.values()) {
            assertEquals(Optional.of(t), InvocationType.parse(t.wire()));
        }
    }
}
