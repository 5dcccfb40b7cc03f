package io.rapidjava.rapid.sandbox;

import io.rapidjava.extensions.ApiError;
import io.rapidjava.extensions.EventSink;
import io.rapidjava.extensions.EventType;
import io.rapidjava.extensions.Extension;
import io.rapidjava.extensions.ExtensionRegistry;
import io.rapidjava.extensions.ExtensionsHost;
import io.rapidjava.fatalerror.ErrorType;
import io.rapidjava.fatalerror.Fault;
import io.rapidjava.interop.PlatformEvent;
import io.rapidjava.rapid.Log;
import io.rapidjava.rendering.Events;
import java.util.Locale;
import java.util.Set;

/** The Extensions API's calls as the core takes them: registration, {@code event/next}, reported errors. */
public final class ExtensionCalls implements ExtensionsHost {

    private final Sandbox sandbox;

    ExtensionCalls(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public Registered register(String name, Set<EventType> events, boolean wantsAccountId) {
        Generation g = sandbox.gen;
        if (g == null || g.ended) {
            return Registered.refused(ApiError.forbidden("Extension.RegistrationClosed",
                    "Extension registration closed already"));
        }
        ApiError notInThisMode = sandbox.config.concurrent() ? ManagedExtensions.refusal(g.extensions, name, events) : null;
        if (notInThisMode != null) {
            return Registered.refused(notInThisMode);
        }
        ExtensionRegistry.Registration r = g.extensions.register(name, events);
        if (r.error() != null) {
            return Registered.refused(r.error());
        }
        Extension e = r.extension();
        String kind = e.kind().name().toLowerCase(Locale.ROOT);
        Log.info("Extension " + name + " registered (" + kind + ", events: " + events + ")");
        sandbox.emit(null, new PlatformEvent.ExtensionRegistered(PlatformEvent.now(), name, kind, e.state().name(),
                events.stream().map(Enum::name).toList()));
        var function = sandbox.function;
        String accountId = wantsAccountId && !function.accountId().isEmpty() ? function.accountId() : null;
        byte[] body = Events.registered(function.name(), function.version(), function.handler(), accountId);
        if (g.extensionsLaunched && g.extensions.externalsRegistered()) {
            sandbox.launches.runtime(g);
        }
        return new Registered(e.id(), body, null);
    }

    @Override
    public ApiError next(String extensionId, EventSink sink) {
        Generation g = sandbox.gen;
        Extension e = g == null ? null : g.extensions.byId(extensionId);
        if (e == null) {
            return ApiError.forbidden("Extension.UnknownExtensionIdentifier", "Unknown extension " + extensionId);
        }
        ApiError refused = e.next(sink);
        if (refused != null) {
            return refused;
        }
        if (g.shutdownEvent != null && e.subscribed(EventType.SHUTDOWN)) {
            e.deliver(g.shutdownEvent);
        } else if (sandbox.state == SandboxState.INITIALIZING) {
            sandbox.inits.checkDone(g);
        } else {
            sandbox.invokes.extensionBack();
        }
        return null;
    }

    /**
     * Who may subscribe to the telemetry: a registered extension of the generation, while it initialises ({@code
     * closed} after that, as in Lambda); {@code refused} when the identifier is unknown.
     */
    public record Subscriber(String name, boolean closed, ApiError refused) {
    }

    public Subscriber subscriber(String extensionId) {
        Generation g = sandbox.gen;
        Extension e = g == null || g.ended ? null : g.extensions.byId(extensionId);
        if (e == null || !e.registered()) {
            return new Subscriber(null, false, ApiError.forbidden("Extension.UnknownExtensionIdentifier",
                    "Unknown extension " + extensionId));
        }
        return new Subscriber(e.name(), sandbox.state != SandboxState.INITIALIZING, null);
    }

    @Override
    public ApiError initError(String extensionId, String errorType) {
        return reported(extensionId, true, errorType);
    }

    @Override
    public ApiError exitError(String extensionId, String errorType) {
        return reported(extensionId, false, errorType);
    }

    /** {@code init/error} and {@code exit/error}: the extension's own fatal error for its generation. */
    private ApiError reported(String extensionId, boolean init, String reported) {
        Generation g = sandbox.gen;
        Extension e = g == null ? null : g.extensions.byId(extensionId);
        if (e == null) {
            return ApiError.forbidden("Extension.UnknownExtensionIdentifier", "Unknown Lambda-Extension-Identifier");
        }
        ApiError refused = init ? e.initError() : e.exitError();
        if (refused != null) {
            return refused;
        }
        Log.warn("Extension " + e.name() + " reported an " + (init ? "init" : "exit") + " error: " + reported);
        // after the 202 is written: the fatal error's answers follow it
        sandbox.context.runOnContext(v -> sandbox.fatal(g, Fault.of(init ? ErrorType.EXTENSION_INIT_ERROR
                : ErrorType.EXTENSION_EXIT_ERROR, "Extension " + e.name() + " reported "
                + (init ? "an init" : "an exit") + " error: " + reported)));
        return null;
    }
}
