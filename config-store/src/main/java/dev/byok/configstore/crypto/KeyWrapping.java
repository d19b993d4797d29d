package dev.byok.configstore.crypto;

/**
 * The key-encryption key of the envelope: a master key file ({@link LocalMasterKeyWrapping}) or an
 * AWS KMS key ({@link AwsKmsKeyWrapping}). Every wrapped data key names the wrapping key (and its
 * version) that made it, so old ciphertexts stay readable while a new key takes over, and a
 * re-wrap moves them to the new one.
 */
public interface KeyWrapping {

    /** The key new data keys are wrapped with. */
    String primaryKeyId();

    /** Whether this wrapping can open data keys wrapped by {@code wrappingKeyId}. */
    boolean canUnwrap(String wrappingKeyId);

    /** A new random 256-bit data key, both in plaintext and wrapped by the primary key, bound to {@code context}. */
    DataKey generateDataKey(KeyContext context);

    /** The same data key wrapped by the primary key: how stored keys move to a new master key. */
    DataKey rewrap(byte[] dataKey, KeyContext context);

    /**
     * The plaintext of a wrapped data key.
     *
     * @throws KeyUnavailableException if the wrapping key is unknown, or the data key was wrapped
     *     for another context, or it was tampered with: decryption fails closed
     */
    byte[] unwrap(String wrappingKeyId, byte[] wrappedDataKey, KeyContext context);
}
