package io.rapidjava.rapid.http;

import io.rapidjava.rapid.Log;
import io.rapidjava.rapid.Throttle;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One server's open connections: closes a connection that has had no request in progress for the idle timeout
 * (a parked {@code next} or an invoke waiting for its answer is in progress, however silent), and refuses
 * connections beyond a limit at once.
 *
 * <p>Whether a connection is busy is read from its latest request's response (neither ended nor closed), on a
 * sweep a quarter of the timeout apart, rather than from the responses' end and close handlers, which belong to
 * the sandbox. The connection's own close handler is the guard's and must not be replaced (the sandbox watches
 * responses instead): a connection whose close the guard missed is only dropped once idle for the timeout, and
 * holds its last request, and what that request's handlers hold, until then. Event-loop confined.
 */
public final class ConnectionGuard {

    private static final Throttle REFUSALS = new Throttle(10_000);

    private final Vertx vertx;
    private final String server;
    private final long idleNanos;
    private final long sweepMillis;
    private final int limit;
    private final Map<HttpConnection, Watch> open = new IdentityHashMap<>();
    private long sweeper = -1;

    /** {@code limit}: connections held at most ({@link Integer#MAX_VALUE}: no limit). */
    public ConnectionGuard(Vertx vertx, String server, Duration idleTimeout, int limit) {
        this.vertx = vertx;
        this.server = server;
        this.idleNanos = idleTimeout.toNanos();
        this.sweepMillis = Math.max(1, idleTimeout.toMillis() / 4);
        this.limit = limit;
    }

    /** The server's connection handler. */
    public void accepted(HttpConnection connection) {
        if (open.size() >= limit) {
            connection.close();
            long held = REFUSALS.pass();
            if (held >= 0) {
                Log.warn(Throttle.withHeld(
                        server + " connection limit (" + limit + ") reached: closed a new connection", held));
            }
            return;
        }
        open.put(connection, new Watch(System.nanoTime()));
        connection.closeHandler(v -> open.remove(connection));
        if (sweeper < 0) {
            sweeper = vertx.setPeriodic(sweepMillis, id -> sweep());
        }
    }

    /** Called for every request before it is routed. */
    public void started(HttpServerRequest req) {
        Watch watch = open.get(req.connection());
        if (watch != null) {
            watch.latest = req;
            watch.idleSince = -1;
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        List<HttpConnection> idle = new ArrayList<>();
        for (Map.Entry<HttpConnection, Watch> entry : open.entrySet()) {
            Watch watch = entry.getValue();
            if (watch.busy()) {
                watch.idleSince = -1;
            } else if (watch.idleSince < 0) {
                watch.idleSince = now;
            } else if (now - watch.idleSince >= idleNanos) {
                idle.add(entry.getKey());
            }
        }
        // Closed after the walk: a close handler may run at once and edit the table.
        for (HttpConnection connection : idle) {
            open.remove(connection);
            connection.close();
        }
        if (open.isEmpty()) {
            vertx.cancelTimer(sweeper);
            sweeper = -1;
        }
    }

    private static final class Watch {
        HttpServerRequest latest;
        long idleSince;

        Watch(long acceptedAt) {
            idleSince = acceptedAt;
        }

        boolean busy() {
            if (latest == null) {
                return false;
            }
            if (latest.response().ended() || latest.response().closed()) {
                latest = null;
                return false;
            }
            return true;
        }
    }
}
