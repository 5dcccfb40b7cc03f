package io.rapidjava.rapid.sandbox;

import io.rapidjava.extensions.ApiError;
import io.rapidjava.extensions.EventType;
import io.rapidjava.extensions.Extension;
import io.rapidjava.extensions.ExtensionKind;
import io.rapidjava.extensions.ExtensionRegistry;
import java.util.Set;

/**
 * What extensions may subscribe to in the concurrent mode, as Lambda Managed Instances allow (spec §1.6): an
 * external extension SHUTDOWN alone (there are no INVOKE events, invokes overlap), an internal one nothing.
 */
final class ManagedExtensions {

    private ManagedExtensions() {
    }

    /** The refusal of a registration the mode does not allow, before anything changes; null when allowed. */
    static ApiError refusal(ExtensionRegistry registry, String name, Set<EventType> events) {
        Extension known = registry.byName(name);
        if (known != null && known.kind() == ExtensionKind.EXTERNAL) {
            return events.contains(EventType.INVOKE)
                    ? ApiError.forbidden("Extension.InvalidEventType", EventType.INVOKE.name() + ": ErrorInvalidEventType")
                    : null;
        }
        return events.isEmpty() ? null
                : ApiError.forbidden("Extension.InvalidEventType", "No events allowed for internal extensions");
    }
}
