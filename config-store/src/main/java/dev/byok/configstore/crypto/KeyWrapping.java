package dev.byok.configstore.crypto;

/**
 * The key-encryption key of the envelope. Implementations: a master key file
 * ({@link LocalMasterKeyWrapping}); AWS KMS later. Every wrapped data key names the wrapping key
 * and version that made it, so old ciphertexts stay readable while a new key takes over.
 */
public interface KeyWrapping {

    /** A new random 256-bit data key, both in plaintext and wrapped, bound to {@code context}. */
    DataKey generateDataKey(KeyContext context);

    /**
     * The plaintext of a wrapped data key.
     *
     * @throws KeyUnavailableException if the wrapping key is unknown, or the data key was wrapped
     *     for another context, or it was tampered with: decryption fails closed
     */
    byte[] unwrap(String wrappingKeyId, byte[] wrappedDataKey, KeyContext context);
}
