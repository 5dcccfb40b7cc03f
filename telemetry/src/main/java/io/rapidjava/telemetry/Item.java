package io.rapidjava.telemetry;

/**
 * One item of the stream subscribers get (a platform event, or the hub's own notice of a subscription): encoded
 * once for each API and schema version in use, {@code null} where that schema has no record of it.
 */
@FunctionalInterface
interface Item {

    Envelope encode(Api api, String schemaVersion);
}
