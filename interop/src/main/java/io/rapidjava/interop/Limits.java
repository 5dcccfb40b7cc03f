package io.rapidjava.interop;

/** Lambda's payload limits. */
public final class Limits {

    /** Synchronous request and buffered response: 6 MiB + 100 bytes; exactly this many bytes is accepted. */
    public static final long MAX_PAYLOAD_BYTES = 6_291_556L;

    /** Asynchronous ({@code Event}) invoke request. */
    public static final long MAX_ASYNC_PAYLOAD_BYTES = 1_048_576L;

    /** Streamed responses: Lambda's limit, 200 MB. */
    public static final long DEFAULT_STREAMED_RESPONSE_BYTES = 200L * 1024 * 1024;

    /**
     * A streamed response that must be gathered whole before it is answered (a Tail log asked on {@code Invoke}):
     * held in the daemon's heap, so it keeps the limit streamed responses had before Lambda raised theirs.
     */
    public static final long MAX_GATHERED_STREAM_BYTES = 20L * 1024 * 1024;

    private Limits() {
    }
}
