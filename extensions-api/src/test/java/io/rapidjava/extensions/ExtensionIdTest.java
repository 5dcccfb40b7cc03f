package io.rapidjava.extensions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionIdTest {

    private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

    @ParameterizedTest
    @ValueSource(strings = {ID, "0F8FAD5B-D9CB-469F-A165-70867728950E", "{" + ID + "}", "urn:uuid:" + ID,
            "0f8fad5bd9cb469fa16570867728950e"})
    void theFormsGoAcceptAreCanonicalised(String header) {
        assertEquals(ID, ExtensionId.canonical(header));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-uuid", "1-1-1-1-1", "0f8fad5b-d9cb-469f-a165-70867728950", "{" + ID,
            "0f8fad5b-d9cb-469f-a165-70867728950g", " " + ID})
    void anythingElseIsRefused(String header) {
        assertNull(ExtensionId.canonical(header));
    }

    @Test
    void generatedIdentifiersAreCanonical() {
        String id = new ExtensionRegistry().launched("x").id();
        assertEquals(id, ExtensionId.canonical(id));
    }
}
