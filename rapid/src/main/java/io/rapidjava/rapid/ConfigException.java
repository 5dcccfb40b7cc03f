package io.rapidjava.rapid;

/** A bad flag or environment value: the daemon refuses to start (exit code 2). */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
