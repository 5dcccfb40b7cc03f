package io.rapidjava.rapid;

import io.rapidjava.interop.FunctionConfig;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.interop.PlatformListener;
import io.rapidjava.rapid.sandbox.Sandbox;
import io.rapidjava.telemetry.SandboxInfo;
import io.rapidjava.telemetry.SendObserver;
import io.rapidjava.telemetry.Subscription;
import io.rapidjava.telemetry.TelemetryHub;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sandbox's telemetry subscribers, as one listener of its event stream. Until the first subscription it only
 * keeps the events of an init under way (a subscriber that comes late in the init gets them first); the delivery
 * machinery ({@link TelemetryHub}) is loaded with that first subscription, so a sandbox nobody subscribes to pays
 * for nothing else. Before SHUTDOWN every subscriber's batch is delivered; {@code platform.runtimeDone} is sent at
 * once to the extensions that take INVOKE events, since they may hold the invoke open until they see it (the others
 * get it with their batch). Subscriptions end with their generation.
 */
public final class TelemetryFeed implements PlatformListener {

    /** The most init events kept for a first subscriber, and the most characters of output lines among them. */
    static final int REPLAY_LIMIT = 10_000;
    static final long REPLAY_LINE_CHARS = 1 << 20;

    private final Vertx vertx;
    private final SandboxInfo info;
    private final List<PlatformEvent> initEvents = new ArrayList<>();
    private boolean recording;
    private long lineChars;
    /** An extension registered in this init: only then can anyone subscribe, so only then are lines kept. */
    private boolean anyExtension;
    private volatile TelemetryHub hub;
    /** The extensions subscribed to INVOKE events: they may hold an invoke open until they see its runtimeDone. */
    private final Set<String> holders = ConcurrentHashMap.newKeySet();
    /** The delivery counts of the generations that ended, per extension, for metrics. */
    private final Map<String, TelemetryHub.Counts> endedCounts = new ConcurrentHashMap<>();
    private volatile SendObserver sends;

    private TelemetryFeed(Vertx vertx, SandboxInfo info) {
        this.vertx = vertx;
        this.info = info;
    }

    /** The feed of {@code core}'s events, listening from before its first init. */
    public static TelemetryFeed attach(Vertx vertx, Sandbox core, FunctionConfig f, boolean jsonLogs) {
        TelemetryFeed feed = new TelemetryFeed(vertx, new SandboxInfo(f.name(), f.version(), f.arn(),
                f.logStreamName(), f.memorySizeMb(), core.initializationType(), jsonLogs));
        core.subscribe(feed);
        core.beforeShutdownEvent(feed::drain);
        return feed;
    }

    @Override
    public void on(PlatformEvent event) {
        if (event instanceof PlatformEvent.ExtensionRegistered e && e.events().contains("INVOKE")) {
            holders.add(e.name());
        }
        TelemetryHub h = hub;
        if (h == null) {
            synchronized (this) {
                // the first subscription may have made the hub while this event waited for the lock: the init's
                // events were handed to it then, so this one goes to it too, or it would be lost
                h = hub;
                if (h == null) {
                    keep(event);
                    return;
                }
            }
        }
        h.on(event);
        if (event instanceof PlatformEvent.InvokeRuntimeDone && !holders.isEmpty()) {
            // only an extension that takes INVOKE events can be holding the invoke open for it
            h.flush(holders::contains, Duration.ofSeconds(1));
        } else if (event instanceof PlatformEvent.ShutdownReport) {
            // the generation's extensions are gone: the next ones subscribe afresh in their init
            hub = null;
            holders.clear();
            h.close();
            h.counts().forEach((name, c) -> endedCounts.merge(name, c, TelemetryHub.Counts::plus));
        }
    }

    /** Before any subscription: the events of an init under way, for a first subscriber. Holds the lock. */
    private void keep(PlatformEvent event) {
        if (event instanceof PlatformEvent.InitStart) {
            initEvents.clear();
            lineChars = 0;
            anyExtension = false;
            recording = true;
        }
        if (event instanceof PlatformEvent.ExtensionRegistered) {
            anyExtension = true;
        }
        if (recording && initEvents.size() < REPLAY_LIMIT && fits(event)) {
            initEvents.add(event);
        }
        if (event instanceof PlatformEvent.InitReport) {
            // nobody may subscribe once the init is done
            recording = false;
            initEvents.clear();
        }
    }

    /** Output lines are kept while they fit the budget; the lifecycle events always are. */
    private boolean fits(PlatformEvent event) {
        if (!(event instanceof PlatformEvent.LogLine line)) {
            return true;
        }
        if (!anyExtension || lineChars + line.text().length() > REPLAY_LINE_CHARS) {
            return false;
        }
        lineChars += line.text().length();
        return true;
    }

    /** Adds (or replaces) extension {@code name}'s subscription; on the event loop. */
    public Future<Void> subscribe(String name, Subscription subscription) {
        TelemetryHub h = hub;
        if (h == null) {
            List<PlatformEvent> replay;
            synchronized (this) {
                replay = List.copyOf(initEvents);
                initEvents.clear();
                recording = false;
                h = new TelemetryHub(vertx, info, replay);
                h.observeSends(sends);
                hub = h;
            }
        }
        return h.subscribe(name, subscription);
    }

    /** Per extension, the events delivered and dropped and the failed sends since the sandbox started. */
    public Map<String, TelemetryHub.Counts> counts() {
        Map<String, TelemetryHub.Counts> all = new TreeMap<>(endedCounts);
        TelemetryHub h = hub;
        if (h != null) {
            h.counts().forEach((name, c) -> all.merge(name, c, TelemetryHub.Counts::plus));
        }
        return all;
    }

    /** Times every send to a subscriber (metrics); set before the first init, so every generation's hub has it. */
    public void observeSends(SendObserver observer) {
        sends = observer;
    }

    private Future<Void> drain(Duration deadline) {
        TelemetryHub h = hub;
        return h == null ? Future.succeededFuture() : h.flush(deadline);
    }
}
