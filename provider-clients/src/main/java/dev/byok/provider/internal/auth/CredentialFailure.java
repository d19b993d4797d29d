package dev.byok.provider.internal.auth;

/**
 * A stored credential that cannot be used: not the shape its provider needs, or refused by the
 * token endpoint. The message says which, never what the credential contains.
 */
public final class CredentialFailure extends Exception {

    private final boolean transientFailure;

    public CredentialFailure(String message, boolean transientFailure) {
        super(message, null, false, false);
        this.transientFailure = transientFailure;
    }

    /** Whether trying again later may work (the token endpoint was unreachable), rather than a bad credential. */
    public boolean transientFailure() {
        return transientFailure;
    }
}
