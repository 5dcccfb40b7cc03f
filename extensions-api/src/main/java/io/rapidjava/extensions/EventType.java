package io.rapidjava.extensions;

/** The events an extension may subscribe to. */
public enum EventType {
    INVOKE,
    SHUTDOWN
}
