package io.rapidjava.extensions;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The extensions of one generation, external and internal; registration closes at the runtime's first next. */
public final class ExtensionRegistry {

    /** Lambda's limit on extensions per function, external and internal together. */
    public static final int MAX_EXTENSIONS = 10;

    private final Map<String, Extension> byName = new LinkedHashMap<>();
    private final Map<String, Extension> byId = new HashMap<>();
    private boolean registrationClosed;

    /** The outcome of {@link #register}: the extension, or why it was refused. */
    public record Registration(Extension extension, ApiError error) {
    }

    /** An external extension launched from the extensions directory, Started until it registers. */
    public Extension launched(String name) {
        Extension e = new Extension(name, ExtensionKind.EXTERNAL);
        byName.put(name, e);
        byId.put(e.id(), e);
        return e;
    }

    /**
     * {@code POST /extension/register}: a launched external extension by its file name, otherwise a new internal
     * one. Everything is checked before anything changes.
     */
    public Registration register(String name, Set<EventType> events) {
        Extension known = byName.get(name);
        if (known != null && known.kind() == ExtensionKind.EXTERNAL) {
            ExtensionStateMachine.Transition t = known.register(events);
            return t.allowed() ? new Registration(known, null)
                    : new Registration(null, ApiError.invalidState(t.from(), t.to(), name));
        }
        if (events.contains(EventType.SHUTDOWN)) {
            return refused("Extension.InvalidEventType", "SHUTDOWN: ShutdownEventNotSupportedForInternalExtension");
        }
        if (registrationClosed) {
            return refused("Extension.RegistrationClosed", "Extension registration closed already");
        }
        if (known != null) {
            return refused("Extension.InvalidExtensionState", "Extension with this name already registered");
        }
        if (byName.size() >= MAX_EXTENSIONS) {
            return refused("Extension.TooManyExtensions", "Extension limit (" + MAX_EXTENSIONS + ") reached");
        }
        Extension e = new Extension(name, ExtensionKind.INTERNAL);
        e.register(events);
        byName.put(name, e);
        byId.put(e.id(), e);
        return new Registration(e, null);
    }

    private static Registration refused(String type, String message) {
        return new Registration(null, ApiError.forbidden(type, message));
    }

    public Extension byName(String name) {
        return byName.get(name);
    }

    public Extension byId(String id) {
        return byId.get(id);
    }

    public Collection<Extension> all() {
        return byName.values();
    }

    public void closeRegistration() {
        registrationClosed = true;
    }

    /** Every launched external extension has registered (or failed in a way that ends the init anyway). */
    public boolean externalsRegistered() {
        for (Extension e : byName.values()) {
            if (e.kind() == ExtensionKind.EXTERNAL && e.state() == ExtensionState.Started) {
                return false;
            }
        }
        return true;
    }

    /** The init gate: every registered extension is waiting in its first (or a later) {@code event/next}. */
    public boolean allParked() {
        for (Extension e : byName.values()) {
            if (e.registered() && !e.parked()) {
                return false;
            }
        }
        return true;
    }

    /** The invoke gate: every INVOKE subscriber is waiting in {@code event/next}. */
    public boolean subscribersParked(EventType type) {
        for (Extension e : byName.values()) {
            if (e.subscribed(type) && !e.parked()) {
                return false;
            }
        }
        return true;
    }

    public List<Extension> subscribers(EventType type) {
        List<Extension> list = new ArrayList<>();
        for (Extension e : byName.values()) {
            if (e.subscribed(type)) {
                list.add(e);
            }
        }
        return list;
    }

    public int registeredCount() {
        int n = 0;
        for (Extension e : byName.values()) {
            if (e.registered()) {
                n++;
            }
        }
        return n;
    }

    public boolean anyInternal() {
        for (Extension e : byName.values()) {
            if (e.kind() == ExtensionKind.INTERNAL) {
                return true;
            }
        }
        return false;
    }
}
