package dev.byok.configstore.crypto;

/**
 * A stored key could not be decrypted. The message says why in words an operator can act on and
 * never contains key material.
 */
public class KeyUnavailableException extends RuntimeException {

    public KeyUnavailableException(String message) {
        super(message);
    }

    public KeyUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
