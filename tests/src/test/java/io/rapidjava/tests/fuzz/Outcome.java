package io.rapidjava.tests.fuzz;

import java.util.List;

/** What became of one request: the answers read and how the exchange ended. */
record Outcome(Kind kind, List<Answer> answers, String detail, long millis) {

    enum Kind {
        /** Every expected answer read (or, half-closed, all answers until the daemon closed). */
        ANSWERED,
        /** The daemon closed (or reset) the connection before all the expected answers. */
        CLOSED,
        /** The client's deadline passed first: fine for a request that legitimately waits for more bytes. */
        GAVE_UP,
        /** The client reset the connection itself without reading. */
        ABORTED,
        /** The daemon wrote bytes that are not an HTTP/1.x answer. */
        MALFORMED
    }
}
