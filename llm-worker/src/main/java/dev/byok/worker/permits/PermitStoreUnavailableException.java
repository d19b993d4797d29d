package dev.byok.worker.permits;

/**
 * The permit store (Redis) could not be asked: a connection, a timeout, a failover. Transient: the
 * lane asks again after a back-off, and a review whose lease cannot be renewed makes no call.
 */
public final class PermitStoreUnavailableException extends RuntimeException {

    public PermitStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
