package io.rapidjava.telemetry;

import io.vertx.core.Future;
import java.util.List;

/** Where one subscriber's batches go; called on the event loop, one batch at a time. */
interface Sink {

    /** Gets ready (a TCP sink connects); a failure's message says why, for the subscription's 400. */
    Future<Void> open();

    /** Sends one batch, in order; a failed future means it may not have arrived, and it is sent again. */
    Future<Void> send(List<Envelope> batch);

    void close();
}
