package io.rapidjava.rapid;

/** The daemon's version, shown in INIT_START unless RAPID_RUNTIME_VERSION says otherwise. */
public final class Version {
    public static final String VALUE = "0.1.0";

    private Version() {
    }
}
