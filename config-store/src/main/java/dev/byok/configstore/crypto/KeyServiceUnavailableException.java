package dev.byok.configstore.crypto;

/**
 * The key service (AWS KMS) could not answer right now: no network, a timeout, throttling or an
 * internal error of KMS. Unlike {@link KeyUnavailableException} this says nothing about the stored
 * key, which may open fine a moment later: callers retry instead of failing closed for good. The
 * message never contains key material.
 */
public class KeyServiceUnavailableException extends RuntimeException {

    public KeyServiceUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
