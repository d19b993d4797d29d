package dev.byok.model;

/**
 * An API key under envelope encryption: the key is sealed with a fresh AES-256-GCM data key, and
 * the data key is wrapped by a key-encryption key that {@code wrappingKeyId} names (with its
 * version), so a reader knows which master key or KMS key can open it and keys can be rotated.
 * All binary fields are base64. The org and slot are bound in as associated data, so a ciphertext
 * moved to another org or slot does not decrypt.
 */
public record EncryptedKey(
        String algorithm,
        String wrappingKeyId,
        String wrappedDataKey,
        String iv,
        String ciphertext) {
}
