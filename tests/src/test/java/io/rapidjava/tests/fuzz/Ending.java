package io.rapidjava.tests.fuzz;

/** What the client does once its request bytes are written. */
enum Ending {
    /** Keeps the connection open and reads the answers it expects (or gives up at the deadline). */
    KEEP_OPEN,
    /** Shuts its output down (FIN) and reads until the daemon closes. */
    HALF_CLOSE,
    /** Resets the connection at once (SO_LINGER 0), without reading. */
    ABORT
}
