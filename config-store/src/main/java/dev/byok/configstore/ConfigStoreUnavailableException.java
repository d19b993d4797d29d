package dev.byok.configstore;

/**
 * The config store (the config topic as this process reads it) cannot answer now: the view has not
 * caught up with the log in time, or the end of the log cannot be read. Transient: config-service
 * answers 503 and the caller retries; a service that cannot read it at startup does not start.
 */
public final class ConfigStoreUnavailableException extends RuntimeException {

    public ConfigStoreUnavailableException(String message) {
        super(message);
    }

    public ConfigStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
