package io.rapidjava.extensions;

/** External: an executable of the extensions directory. Internal: registered by the runtime's own process. */
public enum ExtensionKind {
    EXTERNAL,
    INTERNAL
}
