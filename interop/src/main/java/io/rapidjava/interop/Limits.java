package io.rapidjava.interop;

/** Lambda's payload limits. */
public final class Limits {

    /** Synchronous request and buffered response: 6 MiB + 100 bytes; exactly this many bytes is accepted. */
    public static final long MAX_PAYLOAD_BYTES = 6_291_556L;

    /** Asynchronous ({@code Event}) invoke request. */
    public static final long MAX_ASYNC_PAYLOAD_BYTES = 1_048_576L;

    /** Streamed responses (real Lambda's default soft limit). */
    public static final long DEFAULT_STREAMED_RESPONSE_BYTES = 20L * 1024 * 1024;

    private Limits() {
    }
}
