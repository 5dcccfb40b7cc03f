package io.rapidjava.telemetry;

import java.util.List;

/** The two subscription APIs an extension may use: their path, schema versions and default batch size. */
public enum Api {
    /** {@code PUT /2022-07-01/telemetry}. */
    TELEMETRY("/2022-07-01/telemetry", List.of("2022-07-01", "2022-12-13", "2025-01-29"), 1000),
    /** {@code PUT /2020-08-15/logs}, the older API with its own event names. */
    LOGS("/2020-08-15/logs", List.of("2020-08-15", "2021-03-18"), 10_000);

    private final String path;
    private final List<String> schemaVersions;
    private final int defaultMaxItems;

    Api(String path, List<String> schemaVersions, int defaultMaxItems) {
        this.path = path;
        this.schemaVersions = schemaVersions;
        this.defaultMaxItems = defaultMaxItems;
    }

    public String path() {
        return path;
    }

    public List<String> schemaVersions() {
        return schemaVersions;
    }

    public int defaultMaxItems() {
        return defaultMaxItems;
    }
}
