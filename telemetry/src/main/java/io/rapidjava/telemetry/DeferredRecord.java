package io.rapidjava.telemetry;

/**
 * An invoke's platform record for the Telemetry API ({@code platform.start}, {@code runtimeDone}, {@code report}),
 * encoded when the batch it is in is taken rather than when the invoke emits it: a batch's records are then encoded
 * together, off the invoke's path, and a subscriber that never takes them (one that stalled, whose queue is full or
 * is closed) costs no encoding and holds the small event instead of its bytes. Shared by the subscribers of one
 * schema version, encoded once; until then it counts as {@link #QUEUED_BYTES}.
 */
final class DeferredRecord implements Queued {

    /** About what one of the three takes: 150 to 520 bytes, about 400 on average with a trace header. */
    static final int QUEUED_BYTES = 400;

    private final Item item;
    private final Api api;
    private final String schemaVersion;
    private volatile Envelope encoded;
    private volatile boolean failed;

    DeferredRecord(Item item, Api api, String schemaVersion) {
        this.item = item;
        this.api = api;
        this.schemaVersion = schemaVersion;
    }

    @Override
    public Category category() {
        return Category.PLATFORM;
    }

    @Override
    public int queuedBytes() {
        return QUEUED_BYTES;
    }

    @Override
    public Envelope encoded() {
        Envelope e = encoded;
        if (e == null && !failed) {
            e = Routes.encode(item, api, schemaVersion);
            encoded = e;
            failed = e == null;
        }
        return e;
    }
}
